// A textlint rule of five regex checks (template residue and web furniture), to compare
// plancheck with a regex-only linter on the benchmark corpus; see README, "Speed".
"use strict";
const PATTERNS = [/20[xX×]{2}/g, /××/g, /小编/g, /相关文章/g, /【请填写】/g];

module.exports = function (context) {
  const { Syntax, report, RuleError, getSource } = context;
  return {
    [Syntax.Str](node) {
      const text = getSource(node);
      for (const pattern of PATTERNS) {
        pattern.lastIndex = 0;
        let match;
        while ((match = pattern.exec(text))) {
          report(node, new RuleError("template residue or web furniture", { index: match.index }));
        }
      }
    },
  };
};
