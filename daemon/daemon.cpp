#include "daemon.hpp"

#include "active_scans.hpp"
#include "config_reloader.hpp"
#include "control_replies.hpp"
#include "control_server.hpp"
#include "counters.hpp"
#include "database_watch.hpp"
#include "disposal.hpp"
#include "engine.hpp"
#include "engine_record.hpp"
#include "listener.hpp"
#include "log.hpp"
#include "process.hpp"
#include "reloader.hpp"
#include "scanner.hpp"
#include "socket_activation.hpp"
#include "stamp_file.hpp"
#include "status.hpp"
#include "virus_log.hpp"
#include "scannedonly/config_file.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <systemd/sd-daemon.h>
#include <sysexits.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <optional>

namespace scannedonlyd {

namespace {

// At least one thread must always be free for small files.
unsigned large_slots(const scannedonly::DaemonConfig& c) {
    if (c.max_threads == 1 || c.max_large_threads < c.max_threads) return c.max_large_threads;
    log(LOG_NOTICE, "MaxLargeThreads lowered to " + std::to_string(c.max_threads - 1) +
                        " so that one thread always serves small files");
    return c.max_threads - 1;
}

struct Services {
    VirusLog& virus_log;
    ConfigReloader& config;
    Receiver& receiver;
};

// Returns when SIGTERM or SIGINT arrives.
void serve(const std::vector<Fd>& sockets, int signal_fd, Services s) {
    std::vector<pollfd> fds{{signal_fd, POLLIN, 0}};
    for (const Fd& socket : sockets) fds.push_back({socket.get(), POLLIN, 0});
    for (;;) {
        if (poll(fds.data(), fds.size(), -1) < 0) continue;  // EINTR
        for (std::size_t i = 1; i < fds.size(); ++i)
            if (fds[i].revents & POLLIN) s.receiver.drain(fds[i].fd);
        signalfd_siginfo info{};
        while (read(signal_fd, &info, sizeof info) == sizeof info) {
            switch (info.ssi_signo) {
            case SIGTERM: case SIGINT: case SIGQUIT: return;
            case SIGHUP:
                log_reopen();
                s.virus_log.reopen();
                log(LOG_NOTICE, "logs reopened");
                s.config.reload(false);
                break;
            case SIGUSR2: s.config.reload(true); break;
            default:
                log(LOG_NOTICE, std::string(strsignal(static_cast<int>(info.ssi_signo))) +
                                    " ignored (SIGUSR2 reloads the configuration and the "
                                    "signatures, SIGHUP the configuration and reopens the logs, "
                                    "SIGTERM stops)");
            }
        }
    }
}

// Everything that can fail at startup, acquired before any thread starts.
struct Resources {
    Fd signals;
    DatabaseState database;  // as it was before the engine was compiled
    EngineHolder engines;
    EngineRecord engine_record;
    std::vector<Fd> sockets;
    bool socket_inherited = false;  // then systemd owns its path, not the daemon
    Fd control_socket;
    std::optional<VirusLog> virus_log;
    std::optional<Disposer> disposer;
    std::unique_ptr<PidFile> pid_file;
};

void acquire(const scannedonly::DaemonConfig& config, Resources& r) {
    r.signals = block_signals();
    // Before the signatures load, so that a socket unit that disagrees with
    // the configuration is reported at once.
    Fd inherited = inherited_request_socket(config);
    r.socket_inherited = static_cast<bool>(inherited);
    init_libclamav();
    r.database = database_state(config.database);
    LoadedEngine loaded = load_engine(config.database, engine_settings_of(config));
    r.engines.set(std::move(loaded.engine));
    r.engine_record.set(loaded.facts);
    publish_stamp(config.signature_stamp_file, loaded.facts);
    r.sockets = open_request_sockets(config, std::move(inherited));
    r.control_socket = open_control_socket(config.control_socket, scannedonly::control_gid(config));
    r.virus_log.emplace(config.virus_log);
    r.disposer.emplace(config.quarantine_dir, config.prefixes);
    if (!config.foreground) daemonize();
    r.pid_file = std::make_unique<PidFile>(config.pid_file);
}

void serve_until_stopped(const scannedonly::DaemonConfig& config,
                         const scannedonly::DaemonCommandLine& command_line, Resources& r) {
    LiveConfig live(config);
    Counters counters;
    const unsigned large_threads = large_slots(config);
    scannedonly::ScanQueue queue(config.queue_length, large_threads);
    scannedonly::TrustedOwners trusted;
    if (geteuid() != 0) trusted.uids.push_back(geteuid());
    VirusActions virus_actions(config.virus_action, config.virus_action_max,
                               config.virus_action_timeout);
    const Scanner scanner(ScanContext{live, queue, r.engines, counters, *r.disposer,
                                      *r.virus_log, config.prefixes, trusted, virus_actions});
    Receiver receiver(live, queue, counters);
    StatusReporter status(counters, queue);
    CpuPartition cpus;
    cpus.join_small_side();  // this thread receives the requests
    ActiveScans active;
    WorkerPool workers(scanner, queue, config.max_threads, large_threads, cpus, active);
    Reloader reloader(config.database, engine_settings_of(config), r.engines, r.engine_record,
                      config.database_check_interval, std::move(r.database),
                      config.signature_stamp_file);
    StatusThread status_lines(status, config.status_interval);
    ConfigReloader reconfigurer(command_line, {live, status_lines, virus_actions, reloader});
    ControlReplies replies({counters, queue, active, r.engine_record, r.engines,
                            [&reconfigurer] { reconfigurer.reload(true); }});
    ControlServer control(std::move(r.control_socket), config.control_connections,
                          config.command_read_timeout,
                          {[&replies](scannedonly::ControlCommand c) { return replies.answer(c); },
                           [&replies] { replies.sample(); }});
    log(LOG_NOTICE, "ready: " + describe(r.engine_record.get(), *r.engines.get()) + ", " +
                        std::to_string(config.max_threads) + " threads");
    sd_notifyf(0, "READY=1\nMAINPID=%d\nSTATUS=%s", static_cast<int>(getpid()),
               status.line().c_str());
    serve(r.sockets, r.signals.get(), {*r.virus_log, reconfigurer, receiver});
    sd_notify(0, "STOPPING=1\nSTATUS=stopping");
    log(LOG_NOTICE, "stopping");
    queue.close();  // scans in progress finish; the workers' destructor joins them
}

}  // namespace

int run(const scannedonly::DaemonConfig& config,
        const scannedonly::DaemonCommandLine& command_line) {
    log_open(config.foreground, config.log_level);
    Resources resources;
    try {
        acquire(config, resources);
    } catch (const std::exception& e) {
        log(LOG_ERR, e.what());
        return EX_UNAVAILABLE;
    }
    serve_until_stopped(config, command_line, resources);
    if (!config.port && !resources.socket_inherited) unlink(config.socket_path.c_str());
    unlink(config.control_socket.c_str());
    return 0;
}

}  // namespace scannedonlyd
