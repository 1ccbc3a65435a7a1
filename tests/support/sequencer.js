/**
 * jest's order, with the longest files first even on a fresh clone: without timings from an
 * earlier run jest orders by file size, which would start the street month (minutes on its own)
 * last and leave the run waiting on it while the other workers sit idle.
 */
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = [/simulate-street\.int\.test\.ts$/, /simulate-street-checks\.int\.test\.ts$/, /elder\.e2e\.test\.ts$/, /sim-city-load\.int\.test\.ts$/];

class LongestFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const rank = (t) => {
      const i = FIRST.findIndex((re) => re.test(t.path));
      return i === -1 ? FIRST.length : i;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b)); // stable: jest's order within each rank
  }
}

module.exports = LongestFirst;
