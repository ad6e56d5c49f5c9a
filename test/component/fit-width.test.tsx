import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FitWidth, forgetChartWidths } from '../../src/ui/FitWidth';

// jsdom lays nothing out and has no ResizeObserver: this one reports the widths a test gives it.
class FakeResizeObserver {
  static live = new Set<FakeResizeObserver>();
  private target: Element | null = null;
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(el: Element) {
    this.target = el;
    FakeResizeObserver.live.add(this);
  }
  unobserve() {}
  disconnect() {
    FakeResizeObserver.live.delete(this);
  }
  static layOut(width: number) {
    for (const o of [...FakeResizeObserver.live]) {
      const entry = { target: o.target, contentRect: { width, height: 350 } } as unknown as ResizeObserverEntry;
      o.callback([entry], o as unknown as ResizeObserver);
    }
  }
}

const drawn = (width: number) => <p>drawn at {width}</p>;

describe('a chart is drawn at the width its box is laid out at', () => {
  beforeEach(() => {
    forgetChartWidths();
    globalThis.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
  });
  afterEach(() => {
    FakeResizeObserver.live.clear();
    delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
  });

  it('draws nothing until the box has a width, then draws at it and follows it', () => {
    const { unmount } = render(<FitWidth kind="trend" height={350}>{drawn}</FitWidth>);
    expect(screen.queryByText(/drawn at/)).toBeNull();
    act(() => FakeResizeObserver.layOut(800.6));
    expect(screen.getByText('drawn at 800')).toBeTruthy();
    act(() => FakeResizeObserver.layOut(640));
    expect(screen.getByText('drawn at 640')).toBeTruthy();
    unmount();
    expect(FakeResizeObserver.live.size).toBe(0);
  });

  it('draws the next chart of a kind at once at the width the last was laid out at, and corrects it if the box differs', () => {
    const first = render(<FitWidth kind="trend" height={350}>{drawn}</FitWidth>);
    act(() => FakeResizeObserver.layOut(900));
    first.unmount();
    render(<FitWidth kind="trend" height={350}>{drawn}</FitWidth>);
    expect(screen.getByText('drawn at 900')).toBeTruthy();
    // Another kind of chart keeps its own width.
    render(<FitWidth kind="ranked" height={300}>{(w) => <p>ranked at {w}</p>}</FitWidth>);
    expect(screen.queryByText(/ranked at/)).toBeNull();
    act(() => FakeResizeObserver.layOut(700));
    expect(screen.getByText('drawn at 700')).toBeTruthy();
    expect(screen.getByText('ranked at 700')).toBeTruthy();
  });

  it('ignores a box laid out with no width (hidden)', () => {
    render(<FitWidth kind="trend" height={350}>{drawn}</FitWidth>);
    act(() => FakeResizeObserver.layOut(0));
    expect(screen.queryByText(/drawn at/)).toBeNull();
  });
});
