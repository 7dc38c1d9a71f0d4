/** The random layer: named seeded streams and the distributions drawn from them. */
export { createUniform, type StreamKey, type StreamPurpose, type UniformSource } from './streams.js';
export { RandomStream, logGamma } from './distributions.js';
