import { fileRoute } from '@/platform/http/file-route';
import { archiveFileResponse } from '@/modules/archives/files';

export const dynamic = 'force-dynamic';

/**
 * A file of an archived item (档案管理员), checked against its SM3 digest before it is served;
 * every view and download is audited. `?download=1` forces a download.
 */
export const GET = fileRoute('/api/archives/files', '档案文件下载', archiveFileResponse);
