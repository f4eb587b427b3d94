import { Rng } from '@hepuq/core';
import { heteroscedastic1dToy, twoClass2dToy, wedgeRampToy } from '@hepuq/datasets';
import { describeUqMethodConformance } from '@hepuq/testing';
import { bnnMethod } from './bnn.method.js';
import { bnnClassifierMethod } from './bnn-classifier.method.js';
import { bnnFlowMethod } from './bnn-flow.method.js';
import { mcDropoutMethod } from './mc-dropout.method.js';
import { mcDropoutClassifierMethod } from './mc-dropout-classifier.method.js';

// plumbing, not calibration: a few epochs on a few hundred events, every head and layer variant once
const regression = { train: () => heteroscedastic1dToy.generate(300, {}, new Rng(1)), test: () => heteroscedastic1dToy.generate(120, {}, new Rng(2)) };
const classification = { train: () => twoClass2dToy.generate(300, {}, new Rng(3)), test: () => twoClass2dToy.generate(120, {}, new Rng(4)) };

describeUqMethodConformance({ method: bnnMethod, options: { epochs: 2, hidden: [8], draws: 8 }, replicas: 4, ...regression });
describeUqMethodConformance({ method: bnnMethod, options: { epochs: 2, hidden: [8], draws: 8, head: 'mixture', layer: 'reparam', boost: { by: 'pull' } }, replicas: 3, ...regression });
describeUqMethodConformance({ method: mcDropoutMethod, options: { epochs: 2, hidden: [8, 8], draws: 8, labelSmearing: 0.1 }, replicas: 4, ...regression });
describeUqMethodConformance({ method: bnnClassifierMethod, options: { epochs: 2, hidden: [8], draws: 8, balance: true }, replicas: 4, ...classification });
describeUqMethodConformance({ method: mcDropoutClassifierMethod, options: { epochs: 2, hidden: [8, 8], draws: 8 }, replicas: 4, ...classification });
describeUqMethodConformance({
  method: bnnFlowMethod,
  options: { epochs: 2, hidden: [8], draws: 4, couplings: 2 },
  replicas: 2,
  train: () => wedgeRampToy.generate(300, {}, new Rng(5)),
  test: () => wedgeRampToy.generate(100, {}, new Rng(6)),
});
