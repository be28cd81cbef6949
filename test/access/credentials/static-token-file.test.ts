// Static token files, read as the API server reads them. The tables are upstream's
// (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/token/tokenfile/tokenfile_test.go), plus the
// docs/scenarios.md#004's token.csv (chapter 1.2) and the legacy warning.
import { writeFileSync } from 'node:fs';
import { tempDir } from './helpers';
import {
  parseStaticTokenFile,
  readStaticTokenFile,
  STATIC_TOKEN_WARNING_CODE,
  StaticTokenUser,
} from '../../../lib/access/credentials/static-token-file';

const tmp = tempDir();
const strip = (users: StaticTokenUser[]) => users.map(({ name, uid, groups }) => ({ name, uid, groups }));

describe('upstream TestTokenFile', () => {
  const file = tmp.path('tokens.csv');
  writeFileSync(
    file,
    `
token1,user1,uid1
token2,user2,uid2
token3,user3,uid3,"group1,group2"
token4,user4,uid4,"group2"
token5,user5,uid5,group5
token6,user6,uid6,group5,otherdata
token7,user7,uid7,"group1,group2",otherdata
`,
  );

  test('every user with its uid and groups; extra columns ignored; quoted groups split on commas', () => {
    const { users, notes } = readStaticTokenFile(file);
    expect(strip(users)).toEqual([
      { name: 'user1', uid: 'uid1', groups: [] },
      { name: 'user2', uid: 'uid2', groups: [] },
      { name: 'user3', uid: 'uid3', groups: ['group1', 'group2'] },
      { name: 'user4', uid: 'uid4', groups: ['group2'] },
      { name: 'user5', uid: 'uid5', groups: ['group5'] },
      { name: 'user6', uid: 'uid6', groups: ['group5'] },
      { name: 'user7', uid: 'uid7', groups: ['group1', 'group2'] },
    ]);
    expect(users.map((u) => u.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(notes).toEqual([]);
  });

  test('no token leaks into the result', () => {
    expect(JSON.stringify(readStaticTokenFile(file))).not.toMatch(/token\d/);
  });
});

describe('upstream bad files', () => {
  test('TestBadTokenFile: a record with two columns is refused, naming its line', () => {
    expect(() =>
      parseStaticTokenFile('\ntoken1,user1,uid1\ntoken2,user2,uid2\ntoken3,user3\ntoken4\n', 'bad.csv'),
    ).toThrow(/static token file bad\.csv: line 4 has 2 column\(s\).*fix:/);
  });

  test('TestInsufficientColumnsTokenFile: one column is refused', () => {
    expect(() => parseStaticTokenFile('token4\n', 'one.csv')).toThrow(/line 1 has 1 column\(s\)/);
  });

  test('TestEmptyTokenTokenFile: an empty token is skipped, with a note', () => {
    expect(parseStaticTokenFile(',user5,uid5\n', 'empty.csv')).toEqual({
      users: [],
      notes: ['line 1: empty token, skipped by the API server'],
    });
  });
});

describe('beyond the upstream table', () => {
  test("a duplicate token: the later record wins, as in the API server's map", () => {
    const { users, notes } = parseStaticTokenFile('t1,alice,1\nt2,bob,2\nt1,carol,3\n', 'dup.csv');
    expect(strip(users)).toEqual([
      { name: 'bob', uid: '2', groups: [] },
      { name: 'carol', uid: '3', groups: [] },
    ]);
    expect(notes).toEqual(['line 3: the token of line 1 again; this record replaces it']);
  });

  test('an empty groups column is the group "" (Go strings.Split), not no group', () => {
    expect(strip(parseStaticTokenFile('t,u,1,\n', 'x').users)).toEqual([{ name: 'u', uid: '1', groups: [''] }]);
  });

  test('a # line is a record, not a comment (Go encoding/csv has no comment character by default)', () => {
    expect(() => parseStaticTokenFile('# tokens\nt,u,1\n', 'c.csv')).toThrow(/line 1 has 1 column/);
  });

  test('a CSV syntax error names the file, the line and a fix', () => {
    expect(() => parseStaticTokenFile('t,u,1,"dev\n', 'q.csv')).toThrow(
      /static token file q\.csv: line 2 \(record starting on line 1\): extraneous or missing " in quoted-field.*fix:/,
    );
  });

  test('the handbook token.csv: wang in system:masters, test in dev', () => {
    const file = tmp.path('token.csv');
    writeFileSync(file, 'a1b2c3.0123456789abcdef,wang,1001,system:masters\nd4e5f6.fedcba9876543210,test,1002,dev\n');
    expect(strip(readStaticTokenFile(file).users)).toEqual([
      { name: 'wang', uid: '1001', groups: ['system:masters'] },
      { name: 'test', uid: '1002', groups: ['dev'] },
    ]);
  });

  test('a missing file: an error naming it, with a fix', () => {
    expect(() => readStaticTokenFile(tmp.path('absent.csv'))).toThrow(/absent\.csv: cannot be read \(ENOENT\); fix:/);
  });
});

describe('the legacy warning', () => {
  test('emitted once per process, with its code, saying why and what instead', () => {
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      jest.isolateModules(() => {
        // a fresh module: the once-per-process flag starts unset
        const fresh = require('../../../lib/access/credentials/static-token-file');
        fresh.parseStaticTokenFile('t,u,1\n', 'a');
        fresh.parseStaticTokenFile('t,u,1\n', 'b');
      });
      const ours = spy.mock.calls.filter(
        (c) => (c[1] as { code?: string } | undefined)?.code === STATIC_TOKEN_WARNING_CODE,
      );
      expect(ours).toHaveLength(1);
      expect(ours[0][1]).toEqual({ type: 'SecurityWarning', code: STATIC_TOKEN_WARNING_CODE });
      expect(ours[0][0]).toMatch(/legacy.*never expire.*restart.*client certificates \(ClusterUser\) or OIDC/);
    } finally {
      spy.mockRestore();
    }
  });
});
