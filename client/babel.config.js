const path = require('node:path');

const schemas = path.resolve(__dirname, '../shared/src/schemas') + path.sep;

/** Marks every call in the shared schemas pure, so the client keeps only the schemas it uses. */
function pureSchemaCalls({ types: t }) {
  return {
    visitor: {
      'CallExpression|NewExpression'(p, state) {
        if (!state.filename || !state.filename.startsWith(schemas)) return;
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
