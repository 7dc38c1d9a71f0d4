// simjs@2.0.3 ships no types and exports nothing in Node; sim/kernel/simjs.ts types what gbsim uses.
declare module 'simjs';
