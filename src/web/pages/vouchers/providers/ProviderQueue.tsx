import { ProviderList } from './ProviderList';

/** The officer's admission queue: applications waiting for the credit check and a decision. */
export default function ProviderQueue() {
  return <ProviderList mine={false} />;
}
