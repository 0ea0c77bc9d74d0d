/** Package facts shared by the CLI, the formatters and the compiler. */
export const TOOL_NAME = 'tact';
export const TOOL_VERSION = '0.1.0';
export const HOMEPAGE = 'https://github.com/tact-cli/tact';
/** Where each rule's page lives, online (the same files ship in docs/rules/). */
export const RULE_DOCS_BASE = `${HOMEPAGE}/blob/main/docs/rules/`;

/** The docs link of a rule. */
export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}
