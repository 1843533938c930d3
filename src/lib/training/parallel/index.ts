/** Training at scale (issue 30): the parallelism planner and the layout solver. */
export * from './plan';
export * from './collectives';
export * from './solver';
