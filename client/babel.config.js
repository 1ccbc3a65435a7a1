const path = require('node:path');

const schemas = path.resolve(__dirname, '../shared/src/schemas') + path.sep;

/**
 * Marks the shared schemas' top-level calls pure (building a schema has no effect but its value),
 * so the client keeps only the schemas it uses. Only at the top level: a call inside a function —
 * `ctx.addIssue(...)` in a refinement — has its effect as its point, and marked pure it would be
 * dropped (every custom check would silently pass; tests/integration/client-checks.test.ts).
 */
function pureSchemaCalls({ types: t }) {
  return {
    visitor: {
      'CallExpression|NewExpression'(p, state) {
        if (!state.filename || !state.filename.startsWith(schemas)) return;
        if (p.getFunctionParent()) return;
        const n = p.node;
        if ((n.leadingComments || []).some((c) => /[#@]__PURE__/.test(c.value))) return;
        t.addComment(n, 'leading', '#__PURE__');
      },
    },
  };
}

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [pureSchemaCalls],
};
