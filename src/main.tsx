import './app/storage-guard';
import './ui/styles.css';
import { boot } from './app/boot';

// Imported statically, so the built page names every start-up file for the browser to fetch at once.
void boot();
