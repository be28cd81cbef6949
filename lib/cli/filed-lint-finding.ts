/** Lint findings placed in their files: the document a finding names, else the first one defining its object. */
import { SeverityLintFinding } from '../lint/lint-manifests';
import { forEachKubeObject } from '../model/documents/kube-list';
import { objectIdentity } from '../validation/problem';
import { SourcedDoc } from './manifest-files';
import { identityKey } from './validate-collect';

/** A finding with the file of the object it names. */
export interface FiledLintFinding extends SeverityLintFinding {
  /** The first file that defines the object (`''` when no file does). */
  readonly file: string;
  /** Offset of the object's document in the file (see DocumentPlace). @default - not known */
  readonly offset?: number;
  /** Index in a JSON file's top-level array, -1 otherwise. @default -1 */
  readonly item?: number;
}

/**
 * Adds to each finding the file and place of its document: the one its `document` index names, else the first
 * document defining its object.
 */
export function withFiles(findings: readonly SeverityLintFinding[], docs: readonly SourcedDoc[]): FiledLintFinding[] {
  if (findings.length === 0) return []; // no map of every object for nothing to place
  let docOf: Map<string, SourcedDoc> | undefined;
  const byIdentity = (f: SeverityLintFinding): SourcedDoc | undefined => {
    if (!docOf) {
      const map = new Map<string, SourcedDoc>();
      forEachKubeObject(
        docs.map((d) => d.doc),
        (item, _where, document) => {
          const k = identityKey(objectIdentity(item));
          if (!map.has(k)) map.set(k, docs[document]);
        },
      );
      docOf = map;
    }
    return docOf.get(identityKey(f));
  };
  return findings.map((f) => {
    const d = (f.document !== undefined ? docs[f.document] : undefined) ?? byIdentity(f);
    return d ? { ...f, file: d.file, offset: d.offset, item: d.item } : { ...f, file: '' };
  });
}
