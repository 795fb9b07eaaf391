import { ProviderList } from './ProviderList';

/** The provider's own admission applications (服务机构入库), with the way to apply. */
export default function MyAdmissions() {
  return <ProviderList mine />;
}
