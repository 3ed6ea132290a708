// Process CPU (user + system, all threads) in µs, from process.cpuUsage().
export const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
