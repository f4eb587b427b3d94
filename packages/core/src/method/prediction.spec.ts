import { describe, expect, it } from 'vitest';
import { mapPrediction, multiTargetPrediction, predictionArrays, predictionTargets, targetAsPrediction, targetPrediction } from './prediction.js';

const f = (...v: number[]) => Float32Array.from(v);

describe('multi-target regression predictions', () => {
  const a = targetPrediction('a', f(1, 2), f(3, 0), f(4, 1), [f(1, 1), f(2, 2)]);
  const b = targetPrediction('b', f(10, 20), f(0, 0), f(1, 2), [f(9, 9), f(8, 8)]);

  it('derive sigma_tot per target and mirror the first target at the top level', () => {
    expect(Array.from(a.sigmaTot)).toEqual([5, 1]);
    const p = multiTargetPrediction([a, b]);
    expect(p.mean).toBe(a.mean);
    expect(p.replicas).toBe(a.replicas);
    expect(p.targets?.map((t) => t.name)).toEqual(['a', 'b']);
    expect(predictionTargets(p, 'ignored')).toBe(p.targets);
  });

  it('one target is a plain regression prediction, named by the data when asked for its targets', () => {
    const p = multiTargetPrediction([b]);
    expect(p.targets).toBeUndefined();
    expect(predictionTargets(p, 'y')[0].name).toBe('y');
    expect(Array.from(targetAsPrediction(b).sigmaTot)).toEqual(Array.from(b.sigmaTot));
  });

  it('mapPrediction and predictionArrays reach every target column', () => {
    const p = multiTargetPrediction([a, b]);
    const names = predictionArrays(p).map(([name]) => name);
    expect(names).toContain('targets.b.sigmaSyst');
    expect(names).toContain('targets.b.replicas[1]');
    const firstEvent = mapPrediction(p, (c) => c.slice(0, 1));
    expect(Array.from(firstEvent.targets![1].replicas![1])).toEqual([8]);
    expect(firstEvent.targets![1].mean.length).toBe(1);
    expect(firstEvent.mean.length).toBe(1);
  });
});
