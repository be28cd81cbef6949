// NodeInventory refuses input that is not a list of Nodes, saying what it got (issue 12, item 6): a pods dump used to
// give an empty inventory silently, and the error that followed named the selector, not the file.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { NodeHostEndpoints, NodeInventory, SecuredNodePool } from '../../lib/nodes';

const node = (name: string, ip: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  status: { addresses: [{ type: 'InternalIP', address: ip }] },
});
const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: {},
  status: { podIP: '10.244.0.5' },
});

describe('NodeInventory.fromKubectlJson: what the file holds', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inv-kinds-'));
  const write = (name: string, v: unknown) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, JSON.stringify(v));
    return f;
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a pods dump is refused, naming the kind it holds and the command that writes a node dump', () => {
    const file = write('pods.json', { apiVersion: 'v1', kind: 'List', items: [pod('a'), pod('b')] });
    expect(() => NodeInventory.fromKubectlJson(file)).toThrow(
      '[NodeInventory.fromKubectlJson] items[0].kind: expected Node, got the string "Pod" (none of the 2 items is a Node); ' +
        `fix: dump the nodes with kubectl get nodes -o json > nodes.json (${file} is not one)`,
    );
  });

  test('a single node (kubectl get node x -o json) and a typed list kind are refused', () => {
    expect(() => NodeInventory.fromKubectlJson(write('one.json', node('n1', '10.0.0.1')))).toThrow(
      /\[NodeInventory\.fromKubectlJson\] list: .*got a single Node object/,
    );
    expect(() => NodeInventory.fromKubectlJson(write('podlist.json', { kind: 'PodList', items: [pod('a')] }))).toThrow(
      /kind: expected List or NodeList, got the string "PodList"/,
    );
  });

  test('a combined dump (kubectl get nodes,pods -o json) gives its Nodes', () => {
    const mixed = { kind: 'List', items: [pod('a'), node('n1', '10.0.0.1'), node('n2', '10.0.0.2')] };
    const inv = NodeInventory.fromKubectlJson(write('mixed.json', mixed));
    expect(inv.nodes.map((n) => n.name)).toEqual(['n1', 'n2']);
  });

  test('the empty List kubectl prints for a cluster without nodes is an empty inventory; a pool over it says so', () => {
    const empty = { apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } }; // kubectl's output for no nodes
    const inv = NodeInventory.fromKubectlJson(write('none.json', empty));
    expect(inv.size).toBe(0);
    const chart = new Chart(Testing.app(), 'c');
    expect(
      () => new SecuredNodePool(chart, 'Nodes', { hostEndpoints: NodeHostEndpoints.explicit(), inventory: inv }),
    ).toThrow(
      /^\[c\/Nodes\] inventory: the inventory is empty \(kubectl listed no nodes\).*; fix: dump the nodes with kubectl get nodes/,
    );
  });
});
