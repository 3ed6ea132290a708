// One timed chat completion on an `openai` client, as openai-overhead and peers-openai measure it.
import { cpuMicros } from './cpu.mjs';

/** One call: client CPU µs, wall µs and time to first chunk µs (streams). */
export async function oneChatCall(client, stream, messages) {
  const cpu0 = cpuMicros();
  const t0 = performance.now();
  let ttft = 0;
  if (!stream) {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  } else {
    const s = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    for await (const _ of s) if (ttft === 0) ttft = performance.now() - t0;
  }
  return { cpu: cpuMicros() - cpu0, wall: (performance.now() - t0) * 1000, ttft: ttft * 1000 };
}
