// The README's selector and peer examples say what they print; keep them true.
import { Peer, Selector, SelectorSyntaxError } from '../lib';

test('README selector examples', () => {
  expect(Selector.has('kubernetes-host').and(Selector.eq('environment', 'dev')).toString()).toBe('(has(kubernetes-host) && environment == "dev")');
  expect(Selector.parse("environment in {'prod', 'dev'} && !has(legacy)").matches({ environment: 'dev' })).toBe(true);
  expect(() => Selector.parse('a == "x"\n')).toThrow(SelectorSyntaxError);
});

test('README peer hints', () => {
  expect(() => Peer.nets('10.0.0.1')).toThrow(/10.0.0.1\/32/);
  expect(() => Peer.nets('10.0.0.1/8')).toThrow(/10.0.0.0\/8/);
});
