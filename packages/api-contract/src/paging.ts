import { z } from 'zod';

/** The paging every list query takes: pages from 1, 50 a page unless asked, at most 200. */
export const PageQueryFields = {
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce
    .number({ error: '每页条数应为数字' })
    .int()
    .min(1)
    .max(200, '每页最多 200 条')
    .default(50),
};

/** A list query with nothing but its page. */
export const PageQuerySchema = z.object(PageQueryFields);

/** A page of a list as every list route answers it. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  });
}

/** A page of `T` as the PWA reads any list answer. */
export type Page<T> = Omit<z.infer<ReturnType<typeof pageOf>>, 'items'> & { items: T[] };
