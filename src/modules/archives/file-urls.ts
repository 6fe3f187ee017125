/** Client-safe URL of an archive file (the checked, audited route). */
export const archiveFileUrl = (fileId: string, opts: { download?: boolean } = {}) => `/api/archives/files/${fileId}${opts.download ? '?download=1' : ''}`;
