import { DEFAULT_CREDITOR_ID, upsertCreditor } from '../../src/storage/creditorRepository.js';
import { MemoryBook } from '../../src/storage/memory/memoryBook.js';
import { MemoryConversationStore } from '../../src/storage/memory/memoryConversationStore.js';
import { PrismaConversationStore } from '../../src/storage/prismaConversationStore.js';
import { DATABASES, notePostgresSkipped, twoConnections } from '../helpers/testDatabase.js';
import { conversationStoreContract } from './contract/conversationStoreContract.js';

notePostgresSkipped('storage/conversationStoreContract');

const CREDITOR = { id: DEFAULT_CREDITOR_ID, name: 'Credora Ltda', cnpj: '11222333000181', pixKey: 'pix@credora.com.br', pixMerchantName: 'Credora', pixCity: 'SAO PAULO' };

conversationStoreContract('memory', true, async () => {
  const book = new MemoryBook({ ...CREDITOR, lateFeeBasisPoints: 200, monthlyInterestBasisPoints: 100 });
  const store = new MemoryConversationStore(book);
  return {
    a: store,
    b: store,
    closeConversation: async (id) => void (await store.close(undefined, id)),
    append: (id, row) => store.append(undefined, id, row),
    addDebtor: async (d) => void book.addDebtor({ ...d, invoices: d.invoices.map((i) => ({ ...i, status: 'open' as const })) }),
    close: async () => {},
  };
});

for (const { kind, enabled } of DATABASES) {
  conversationStoreContract(kind, enabled, async () => {
    const conns = await twoConnections(kind);
    const creditor = await upsertCreditor(conns.a.prisma, CREDITOR);
    const a = new PrismaConversationStore(conns.a.prisma, creditor);
    return {
      a,
      b: new PrismaConversationStore(conns.b.prisma, creditor),
      closeConversation: async (id) => void (await conns.a.prisma.$transaction((tx) => a.close(tx, id))),
      append: (id, row) => conns.a.prisma.$transaction((tx) => a.append(tx, id, row)),
      addDebtor: async (d) =>
        void (await conns.a.prisma.debtor.create({
          data: { creditorId: creditor.id, cnpj: d.cnpj, companyName: d.companyName, invoices: { create: d.invoices.map((i) => ({ ...i, amountCents: BigInt(i.amountCents) })) } },
        })),
      close: () => conns.close(),
    };
  });
}
