import { getDb } from '@/platform/db';
import { DataTable } from '@/ui/kit/data-table';
import { KitCard } from '@/ui/kit/card';
import { LinkButton } from '@/ui/kit/link-button';
import { listContractsOf } from '../queries';
import { contractColumns } from './contracts-list';

const COLUMNS = contractColumns({ project: false });

/**
 * The contracts of a project (its page) or of a parcel (linked directly, through a work package or
 * a compensation party): a small kit table with what is paid and what is left. The caller checks contract:view.
 */
export async function ContractsSection(props: ({ projectId: string } | { parcelId: string }) & { canCreate?: boolean }) {
  const db = await getDb();
  const rows = await listContractsOf(db, 'projectId' in props ? { projectId: props.projectId } : { parcelId: props.parcelId });
  const listLink = 'projectId' in props ? `/contracts?project=${props.projectId}` : null;
  return (
    <KitCard
      title={`合同（${rows.length}）`}
      testId="contracts-section"
      actions={
        <div style={{ display: 'flex', gap: 8 }}>
          {listLink && rows.length > 0 && <LinkButton href={listLink}>在合同台账中查看</LinkButton>}
          {props.canCreate && 'projectId' in props && <LinkButton href={`/contracts/new?projectId=${props.projectId}`}>新建合同</LinkButton>}
        </div>
      }
    >
      {rows.length ? (
        <DataTable columns={COLUMNS} rows={rows} rowKey={(r) => r.id} moneyUnit="元" testId="contracts-section-table" />
      ) : (
        // No empty table: its columns would squeeze the note into a sliver beside the wide money columns.
        <span className="lr-muted" data-testid="contracts-section-empty">
          没有合同
        </span>
      )}
    </KitCard>
  );
}
