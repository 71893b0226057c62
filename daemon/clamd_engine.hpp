// Scanning with clamd servers: each file goes to the server with the least
// outstanding work, at most ClamdConnections at once per server. A server
// that fails, stalls or answers garbage is taken out and its file resent
// to another; a background thread brings it back once PING and VERSION
// answer again, with backoff. With no server up a scan is Unavailable: the
// file stays unscanned and is retried, never marked.
#pragma once

#include "scan_engine.hpp"
#include "scannedonly/clamd_protocol.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace scannedonlyd {

class ClamdEngine : public ScanEngine {
public:
    // Asks each server for its VERSION; a server that does not answer
    // starts taken out. Never throws for an unreachable server.
    explicit ClamdEngine(const EngineSettings& settings);
    ~ClamdEngine() override;  // stops the probe thread

    const char* name() const override { return "clamd"; }
    ScanResult scan(int fd, std::uint64_t size, const char* name) const override;
    ScanResult scan_memory(const char* data, std::size_t size, const char* name) const override;
    // The oldest signatures among the servers up (a verdict may come from
    // any of them), or among all when none is.
    SignatureVersion signature_version() const override;
    // The VERSION replies of the servers up when it was built.
    const SignatureIdentity& identity() const override { return identity_; }
    // A server answered VERSION with signatures the identity does not name.
    bool signatures_changed() const override;
    std::vector<scannedonly::EngineServer> servers() const override;

private:
    struct Server {
        scannedonly::ClamdAddress address;
        bool up = false;
        unsigned outstanding = 0;
        std::uint64_t scans = 0, errors = 0;
        std::optional<scannedonly::ClamdVersion> version;
        std::string version_text;
        std::chrono::milliseconds backoff{};
        std::chrono::steady_clock::time_point next_check;
    };
    struct Request {
        int fd;  // -1: data
        const char* data;
        std::uint64_t size;
    };

    ScanResult send(const Request& request) const;
    // The least loaded server up and not yet tried with a free connection,
    // waiting while all are busy; nullptr when none is up.
    Server* acquire(const std::set<const Server*>& tried) const;
    void finished(Server& server) const;
    void take_out(Server& server, const std::string& why) const;
    // Under mutex_: out until the probe thread gets PING and VERSION
    // answered, after a backoff that doubles while it stays down.
    void mark_down(Server& server, const std::string& why) const;
    void probe_loop();

    mutable std::vector<Server> servers_;  // guarded by mutex_
    SignatureIdentity identity_;
    std::set<std::string> identity_versions_;  // the VERSION replies it names
    bool signatures_changed_ = false;          // guarded by mutex_
    unsigned connections_;
    std::chrono::milliseconds timeout_;
    mutable std::size_t next_ = 0;  // where the search for a server starts
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;  // a slot freed, a server up or down
    std::condition_variable stop_;             // wakes the probe thread to stop
    bool stopping_ = false;
    std::thread prober_;
};

}  // namespace scannedonlyd
