// Lists the Temporal Schedules of weibao contracts: `npx tsx scripts/schedules.ts list [contractId]`.
import { loadConfig } from '../src/config';
import { connectClient } from '../src/temporal/client';
import { listContractSchedules } from '../src/temporal/schedules';
import { payloadCodecFrom } from '../src/security/payload-codec';

async function main(): Promise<void> {
  const [cmd, contractId] = process.argv.slice(2);
  if (cmd !== 'list') {
    process.stderr.write('usage: npx tsx scripts/schedules.ts list [contractId]\n');
    process.exit(64);
  }
  const config = loadConfig();
  const client = await connectClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE, {
    codec: payloadCodecFrom(config),
  });
  try {
    const items = await listContractSchedules(client, contractId);
    process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
  } finally {
    await client.connection.close();
  }
}

main().catch((err) => {
  process.stderr.write(`schedules: ${(err as Error).message}\n`);
  process.exit(1);
});
