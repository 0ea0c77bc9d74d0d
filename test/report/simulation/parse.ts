import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { SaxesParser } from 'saxes';

type Node = DefaultTreeAdapterMap['node'];
type Document = DefaultTreeAdapterMap['document'];
export type Element = DefaultTreeAdapterMap['element'];

/** An HTML document as a browser parses it (parse5 follows the HTML standard's parser). */
export function parseHtml(html: string): Document {
  return parse(html);
}

/** Every element under `node`, in document order. */
export function elements(node: Node): Element[] {
  const out: Element[] = [];
  const visit = (n: Node) => {
    if ('tagName' in n) out.push(n);
    const kids = 'childNodes' in n ? n.childNodes : [];
    for (const k of kids) visit(k);
    if ('content' in n && n.content) for (const k of n.content.childNodes) visit(k);
  };
  visit(node);
  return out;
}

export const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/** The text of a node and its descendants. */
export function textOf(node: Node): string {
  if ('value' in node && node.nodeName === '#text') return node.value;
  return ('childNodes' in node ? node.childNodes : []).map(textOf).join('');
}

/** The element names of a document in order: its shape, whatever its text. */
export const shapeOfHtml = (html: string) => elements(parseHtml(html)).map((e) => e.tagName);

/** Parse XML strictly (XML 1.0 well-formedness, characters included); returns the element names in order. */
export function parseXml(xml: string): { names: string[]; error?: string; texts: string[] } {
  const parser = new SaxesParser();
  const names: string[] = [];
  const texts: string[] = [];
  let error: string | undefined;
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.on('opentag', (t) => {
    names.push(t.name);
    for (const v of Object.values(t.attributes)) texts.push(String(v));
  });
  parser.on('text', (t) => texts.push(t));
  try {
    parser.write(xml).close();
  } catch (e) {
    error ??= (e as Error).message;
  }
  return { names, error, texts };
}

/** Markdown rendered as GitHub does (GFM, autolink literals), raw HTML passed through so any that survives shows. */
export const renderMarkdown = (md: string) =>
  micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });

export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A well-formed XML document as a tree; throws with the parser's message when it is not well-formed. */
export function xmlTree(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => {
    const node: XmlNode = {
      name: t.name,
      attributes: t.attributes as Record<string, string>,
      children: [],
      text: '',
    };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    stack[stack.length - 1].text += t;
  });
  parser.write(xml).close();
  return root.children[0];
}

export const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);
