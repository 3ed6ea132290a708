export { createSamplingStage } from './sampling-stage';
export { shouldSample } from './should-sample';
