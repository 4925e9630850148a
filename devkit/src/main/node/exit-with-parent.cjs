// Preloaded (node --require) into the Node servers a JVM of the devkit or the local API starts.
// Their stdin is a pipe from that JVM: it ends when the JVM ends, however it ends. A JVM stopped
// normally stops its children itself; one killed (SIGKILL, a crash, an out-of-memory kill) runs no
// shutdown hook, and without this its dynalite would keep the port and the data files.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
