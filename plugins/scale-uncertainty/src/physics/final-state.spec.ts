import { describe, expect, it } from 'vitest';
import { classifyFinalState } from './final-state.js';

describe('classifyFinalState', () => {
  it.each([
    ['p p > j j', 'qcd', 0, false],
    ['p p > t t~ b b~', 'qcd', 0, false],
    ['p p > z j j', 'electroweak', 1, false],
    ['pp->W+- j', 'electroweak', 1, false],
    ['p p > a z wpm', 'electroweak', 3, true],
    ['p p > w+ w- wpm', 'electroweak', 3, true],
    ['p p > h', 'electroweak', 1, false],
    ['p p > e+ e-', 'electroweak', 2, false],
    ['p p > z z', 'electroweak', 2, true],
    ['p p > w+ j j', 'electroweak', 1, false],
  ] as const)('%s is %s with %i electroweak particles (multi-boson %s)', (process, group, nElectroweak, multiBoson) => {
    expect(classifyFinalState(process)).toMatchObject({ group, nElectroweak, multiBoson });
  });

  it('stops at decays, exclusions, tags and coupling orders', () => {
    expect(classifyFinalState('p p > t t~, t > b w+').particles).toEqual(['t', 't~']);
    expect(classifyFinalState('p p > t t~ / h QED=0').particles).toEqual(['t', 't~']);
    expect(classifyFinalState('p p > t t~ QED=0 [QCD]').particles).toEqual(['t', 't~']);
    expect(classifyFinalState('p p > z z @1').group).toBe('electroweak');
  });
});
