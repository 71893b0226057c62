// VirusAction: a command run for each infected file (as clamd's
// VirusEvent), without a shell, the facts in its environment. A thread of
// its own starts and reaps them, so no scan ever waits for one: at most
// `max_running` at once, each killed (its process group) after `timeout`.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace scannedonlyd {

struct Infection {
    std::string path;
    std::string virus;
    std::string action;       // as in the virus log: renamed, quarantined, copied, none
    std::string destination;  // "" for none
    std::time_t when;
};

class VirusActions {
public:
    // An empty argv runs nothing.
    VirusActions(std::vector<std::string> argv, unsigned max_running,
                 std::chrono::milliseconds timeout);
    ~VirusActions();  // runs nothing new; waits for the running (bounded by timeout)
    VirusActions(const VirusActions&) = delete;
    VirusActions& operator=(const VirusActions&) = delete;

    // A configuration reload: commands already running keep their timeout.
    void reconfigure(std::vector<std::string> argv, unsigned max_running,
                     std::chrono::milliseconds timeout);

    // Never blocks; when too many are waiting the command is not run for
    // this one, and that is logged.
    void notify(Infection infection);

private:
    struct Command {
        std::vector<std::string> argv;
        std::chrono::milliseconds timeout;
    };
    struct Running {
        pid_t pid;
        std::chrono::steady_clock::time_point deadline;
        std::chrono::milliseconds timeout;
        std::string path;  // loggable()
        std::string program;
        bool killed = false;
    };
    void run();
    void start(Command command, const Infection& infection);
    void reap();

    std::mutex mutex_;  // guards the settings and waiting_
    std::vector<std::string> argv_;
    unsigned max_running_;
    std::chrono::milliseconds timeout_;
    std::condition_variable wake_;
    std::deque<Infection> waiting_;
    bool stopping_ = false;
    std::vector<Running> running_;  // only the thread touches it
    std::thread thread_;
};

}  // namespace scannedonlyd
