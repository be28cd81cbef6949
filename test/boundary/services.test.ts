// Bad inputs to the service-exposure constructs (issue 11 items 1, 2 and 8).
import { ROWS } from './tables/services';
import { runBadInputs } from './harness';

runBadInputs('services: ExposedClusterIpService, ServiceExposureFoundation, BgpServiceAdvertisement', ROWS);
