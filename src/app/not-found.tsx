import { StatusPage } from '@/ui/status-page';

export default function NotFound() {
  return <StatusPage code="404" title="页面不存在" detail="您访问的页面不存在或已被移除，请检查地址是否正确。" />;
}
