import { useFold } from '@/components/Panel/Fold';
import { IMPORTANCE_LABEL } from '@/utils/catalog/labels';
import type { ImpactView } from '@/utils/catalog/view';
import { safeHttpsUrl } from '@/utils/safe-url';

/**
 * Who stands behind this Jira issue: distinct customers across its needs, how many are
 * critical, their revenue bands summed, and each customer's CRM record where the catalog links one.
 * The background works the figures out (utils/catalog/impact.ts); this only draws them.
 */
export function Impact({ impact }: { impact: ImpactView }) {
  const [shown, more] = useFold(impact.list, 5);
  if (impact.customers === 0) return null;
  const count = impact.customers === 1 ? '1 customer' : `${impact.customers} customers`;
  return (
    <section
      class="impact"
      aria-label="Customer impact"
      data-testid="tandem-impact"
      data-customers={impact.customers}
      data-critical={impact.critical}
    >
      <div class="section-label">Customer impact</div>
      <p>
        <strong>{count}</strong>
        {impact.critical > 0 && `, ${impact.critical} critical`}
        {impact.revenue && ` · revenue ${impact.revenue}`}
      </p>
      <ul class="customers" aria-label="Customers behind this issue">
        {shown.map((customer) => {
          const href = safeHttpsUrl(customer.recordUrl);
          return (
            <li key={customer.name} class="customer">
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer" dir="auto">
                  {customer.name}
                </a>
              ) : (
                <span dir="auto">{customer.name}</span>
              )}
              {customer.importance && (
                <span class={`chip chip--${customer.importance}`}>
                  {IMPORTANCE_LABEL[customer.importance]}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {more}
    </section>
  );
}
