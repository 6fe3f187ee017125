import { fileRoute } from '@/platform/http/file-route';
import { incomingFileResponse } from '@/modules/documents/incoming/files';

export const dynamic = 'force-dynamic';

/** An attachment of a 收文 (scan, enclosures), for holders of incoming:view. `?download=1` forces a download. */
export const GET = fileRoute('/api/documents/incoming/files', '收文附件下载', incomingFileResponse);
