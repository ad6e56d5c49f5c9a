import { useSetTolerance, useTolerance } from '../../queries/store';
import { NumberSetting } from './NumberSetting';

/** The RAG tolerance: how far short of target (as a share of the target) still counts as Amber. */
export function ToleranceSetting() {
  const tolerance = useTolerance();
  const save = useSetTolerance();
  const percent = Math.round(tolerance * 1000) / 10;
  return (
    <NumberSetting
      title="RAG tolerance"
      action="Save tolerance"
      hint={<>A measure short of its target by no more than this share of the target is Amber rather than Red; a direction-of-travel measure within this share of its previous figure is Amber (Green for “maintain performance”). Stored with the data in this browser.</>}
      label="Tolerance (%)"
      value={percent}
      min={0}
      max={50}
      save={(v, done) => save.mutate(v / 100, { onSuccess: done })}
      saving={save.isPending}
      saved={(v) => (save.isSuccess ? `Saved: ${v}%.` : null)}
    />
  );
}
