/** The environment steps of the plan: production and development, with the signed-in user offered as reviewer. */
import { desiredEnvironments, planEnvironment } from './environments';
import type { SetupContext, SetupStep } from './step';

export async function planEnvironments(context: SetupContext): Promise<SetupStep[]> {
  const { client } = context;
  const login = client ? (await client.getAuthenticatedUser().catch(() => undefined))?.login : undefined;
  return Promise.all(
    desiredEnvironments(context.config).map((desired) => planEnvironment(client, context.offline, desired, login)),
  );
}
