#include "clamd_engine.hpp"

#include "clamd_connection.hpp"
#include "log.hpp"
#include "scannedonly/printable.hpp"

#include <algorithm>

namespace scannedonlyd {

namespace {

using namespace std::chrono_literals;
using scannedonly::ClamdAddress;
using scannedonly::ClamdReply;
using Clock = std::chrono::steady_clock;

constexpr auto kFirstBackoff = 1s;
constexpr auto kMaxBackoff = 60s;
// How often a server up is asked for its VERSION again: clamd reloads its
// signatures on its own.
constexpr auto kVersionRefresh = 60s;
// PING and VERSION answer at once from a healthy server.
constexpr auto kProbeTimeout = 5s;

ScanResult verdict_of(const ClamdReply& reply, const ClamdAddress& server) {
    switch (reply.kind) {
    case ClamdReply::Ok: return {ScanResult::Clean, {}};
    case ClamdReply::Found: return found(reply.text);
    case ClamdReply::Error:
        if (scannedonly::is_stream_limit(reply))
            return {ScanResult::LimitsExceeded,
                    "longer than the StreamMaxLength of clamd " + server.name()};
        return {ScanResult::Failed, "clamd " + server.name() + ": " + reply.text};
    case ClamdReply::Garbage: break;
    }
    throw ClamdError("garbage reply");
}

struct Exchange {
    const ClamdAddress& server;
    std::chrono::milliseconds timeout;
};

// One file's scan on a connection of its own: FILDES on a unix socket,
// INSTREAM over TCP (and for bytes in memory).
ScanResult exchange(const Exchange& x, int fd, const char* data, std::uint64_t size) {
    ClamdConnection c(x.server, x.timeout);
    if (x.server.is_unix() && fd >= 0) {
        c.send({"zFILDES\0", 8});
        c.send_descriptor(fd);
    } else {
        c.send({"zINSTREAM\0", 10});
        try {
            if (fd < 0) c.stream(data, static_cast<std::size_t>(size));
            else if (auto unreadable = c.stream(fd, size)) return {ScanResult::Failed, *unreadable};
        } catch (const ClamdError&) {
            // A server that stopped reading may have said why (a stream
            // over its StreamMaxLength) before closing.
            if (!c.readable()) throw;
        }
    }
    const std::string text = c.reply();
    const ClamdReply reply = scannedonly::parse_clamd_reply(text);
    if (reply.kind == ClamdReply::Garbage)
        throw ClamdError("garbage reply: '" + scannedonly::printable(text, 200) + "'");
    return verdict_of(reply, x.server);
}

struct VersionAnswer {
    scannedonly::ClamdVersion version;
    std::string text;
};

// PING, then VERSION; throws ClamdError.
VersionAnswer ask_version(const ClamdAddress& server) {
    const std::string pong = clamd_command(server, "zPING", kProbeTimeout);
    if (pong != "PONG") throw ClamdError("PING answered '" + scannedonly::printable(pong, 200) + "'");
    const std::string text = clamd_command(server, "zVERSION", kProbeTimeout);
    auto version = scannedonly::parse_clamd_version(text);
    if (!version) throw ClamdError("VERSION answered '" + scannedonly::printable(text, 200) + "'");
    return {std::move(*version), text};
}

// The same servers' signatures give the same identity on every node:
// their VERSION replies, sorted, without the servers' addresses.
SignatureIdentity identity_of_servers(const std::set<std::string>& versions) {
    std::string description;
    for (const std::string& v : versions) description += "clamd " + v + "\n";
    return identity_of(description.empty() ? "clamd: no server answered VERSION\n" : description);
}

std::uint64_t number_of(const scannedonly::ClamdVersion& v) {
    return std::strtoull(v.signatures.c_str(), nullptr, 10);
}

}  // namespace

ClamdEngine::ClamdEngine(const EngineSettings& settings)
    : connections_(settings.clamd_connections), timeout_(settings.clamd_timeout) {
    for (const ClamdAddress& address : settings.clamd_servers) {
        Server s;
        s.address = address;
        s.next_check = Clock::now();
        servers_.push_back(std::move(s));
    }
    for (Server& s : servers_) {
        try {
            VersionAnswer answer = ask_version(s.address);
            s.up = true;
            s.version = std::move(answer.version);
            s.version_text = std::move(answer.text);
            s.next_check = Clock::now() + kVersionRefresh;
            log(LOG_NOTICE, "clamd " + s.address.name() + ": up, " + s.version_text);
        } catch (const ClamdError& e) {
            log(LOG_WARNING, "clamd " + s.address.name() + ": down (" + e.what() +
                                 "), tried again with backoff");
            mark_down(s, e.what());
        }
    }
    for (const Server& s : servers_)
        if (s.up) identity_versions_.insert(s.version_text);
    identity_ = identity_of_servers(identity_versions_);
    prober_ = std::thread([this] { probe_loop(); });
}

ClamdEngine::~ClamdEngine() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_.notify_all();
    prober_.join();
}

ScanResult ClamdEngine::scan(int fd, std::uint64_t size, const char*) const {
    return send({fd, nullptr, size});
}

ScanResult ClamdEngine::scan_memory(const char* data, std::size_t size, const char*) const {
    return send({-1, data, size});
}

ScanResult ClamdEngine::send(const Request& r) const {
    std::set<const Server*> tried;
    std::string last;
    while (Server* s = acquire(tried)) {
        tried.insert(s);
        try {
            ScanResult result = exchange({s->address, timeout_}, r.fd, r.data, r.size);
            finished(*s);
            return result;
        } catch (const ClamdError& e) {
            last = s->address.name() + ": " + e.what();
            take_out(*s, e.what());
        }
    }
    return {ScanResult::Unavailable,
            tried.empty() ? "no clamd server is up" : "every clamd server up failed, last " + last};
}

ClamdEngine::Server* ClamdEngine::acquire(const std::set<const Server*>& tried) const {
    std::unique_lock lock(mutex_);
    for (;;) {
        Server* best = nullptr;
        bool any = false;
        for (std::size_t k = 0; k < servers_.size(); ++k) {
            Server& s = servers_[(next_ + k) % servers_.size()];
            if (!s.up || tried.contains(&s)) continue;
            any = true;
            if (s.outstanding < connections_ && (!best || s.outstanding < best->outstanding))
                best = &s;
        }
        if (!any) return nullptr;
        if (best) {
            ++best->outstanding;
            next_ = (next_ + 1) % servers_.size();  // ties go round
            return best;
        }
        changed_.wait(lock);
    }
}

void ClamdEngine::finished(Server& s) const {
    {
        std::lock_guard lock(mutex_);
        --s.outstanding;
        ++s.scans;
    }
    changed_.notify_all();
}

void ClamdEngine::take_out(Server& s, const std::string& why) const {
    {
        std::lock_guard lock(mutex_);
        --s.outstanding;
        mark_down(s, why);
    }
    changed_.notify_all();
}

void ClamdEngine::mark_down(Server& s, const std::string& why) const {
    ++s.errors;
    if (s.up)
        log(LOG_WARNING, "clamd " + s.address.name() + " failed (" + why +
                             "): taken out, its scans go to the other servers");
    s.backoff = s.up || s.backoff.count() == 0
                    ? std::chrono::milliseconds(kFirstBackoff)
                    : std::min<std::chrono::milliseconds>(s.backoff * 2, kMaxBackoff);
    s.up = false;
    s.next_check = Clock::now() + s.backoff;
}

void ClamdEngine::probe_loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        stop_.wait_for(lock, 1s, [this] { return stopping_; });
        for (Server& s : servers_) {
            if (stopping_ || Clock::now() < s.next_check) continue;
            const ClamdAddress address = s.address;
            lock.unlock();
            std::optional<VersionAnswer> answer;
            std::string why;
            try {
                answer = ask_version(address);
            } catch (const ClamdError& e) {
                why = e.what();
            }
            lock.lock();
            if (answer) {
                if (!s.up) log(LOG_NOTICE, "clamd " + s.address.name() + " is back: " + answer->text);
                else if (answer->text != s.version_text)
                    log(LOG_NOTICE, "clamd " + s.address.name() + ": now " + answer->text);
                s.up = true;
                s.version = std::move(answer->version);
                s.version_text = std::move(answer->text);
                s.next_check = Clock::now() + kVersionRefresh;
                if (!identity_versions_.contains(s.version_text)) signatures_changed_ = true;
                changed_.notify_all();
                continue;
            }
            mark_down(s, why);
            changed_.notify_all();
        }
    }
}

bool ClamdEngine::signatures_changed() const {
    std::lock_guard lock(mutex_);
    return signatures_changed_;
}

SignatureVersion ClamdEngine::signature_version() const {
    std::lock_guard lock(mutex_);
    const Server* oldest = nullptr;
    for (const bool up_only : {true, false}) {
        for (const Server& s : servers_)
            if ((s.up || !up_only) && s.version && !s.version->signatures.empty() &&
                (!oldest || number_of(*s.version) < number_of(*oldest->version)))
                oldest = &s;
        if (oldest) return {oldest->version->signatures, oldest->version->date};
    }
    return {};
}

std::vector<scannedonly::EngineServer> ClamdEngine::servers() const {
    std::lock_guard lock(mutex_);
    std::vector<scannedonly::EngineServer> out;
    for (const Server& s : servers_)
        out.push_back({s.address.name(), s.up ? "up" : "down", static_cast<double>(s.outstanding),
                       static_cast<double>(s.scans), static_cast<double>(s.errors),
                       s.version_text});
    return out;
}

}  // namespace scannedonlyd
