import { StatusPage } from '@/ui/status-page';

export default function Forbidden() {
  return <StatusPage code="403" title="无权访问" detail="您没有访问此页面的权限。如需开通，请联系安全管理员。" />;
}
