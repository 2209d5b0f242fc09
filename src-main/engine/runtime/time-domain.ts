// Name mapping between the API's TimeDomain and the views' domain names.
import { TimeDomain } from '../api/functions'
import type { TimeDomainName } from '../../common/views'

export const StreamTimeDomain = {
  name(d: TimeDomain): TimeDomainName { return d === TimeDomain.EVENT_TIME ? 'EVENT_TIME' : 'PROCESSING_TIME' },
}
