import Foundation

/// A program run to its end, or to a deadline: started in a process group of its own (a
/// browser starts helper processes), with a file or nothing on its standard input and its output in a
/// log file, and at the deadline killed, helpers and all, through its own pid.
struct TimedProcess {
    /// How the run ended.
    enum Outcome: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    let executable: String
    let arguments: [String]
    /// Where its standard output and error go (made, or emptied).
    let log: String
    let timeout: Double
    /// The file its standard input reads.
    var input = "/dev/null"

    /// Runs the program and waits for it; throws the error number when it cannot be started.
    func run() throws(POSIXError) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Its own group, so that the deadline reaches its helpers; default signal handling,
        // whatever this process ignores.
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], environ)
        guard started == 0 else { throw POSIXError(POSIXErrorCode(rawValue: started) ?? .ENOEXEC) }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0, errno != EINTR { return .exited(-1) }
            if Date() >= deadline {
                // The group first (the program leads it, so it still exists), then the program.
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                return .timedOut
            }
            usleep(20_000)
        }
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
