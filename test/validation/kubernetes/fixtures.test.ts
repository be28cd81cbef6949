import { validateManifests } from '../../../lib/validation';
import { VALID } from './fixtures';

// The baseline of every table row: each fixture must be valid, so a row's problem comes from its one change.
test.each(VALID)('the %s fixture validates clean', (_kind, doc) => {
  expect(validateManifests([doc])).toEqual([]);
});
