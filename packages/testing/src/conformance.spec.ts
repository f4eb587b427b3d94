import { localExecutorFactory } from '@hepuq/core';
import { describeExecutorConformance } from './index.js';

// Core's local executor runs here rather than in packages/core: a spec there importing @hepuq/testing
// would make core and testing depend on each other (testing peer-depends on core).
describeExecutorConformance({ factory: localExecutorFactory, options: { mode: 'inline', concurrency: 2 } });
describeExecutorConformance({ factory: localExecutorFactory, options: { mode: 'threads', concurrency: 2 } });
