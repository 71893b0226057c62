// Signature reloads in a background thread: on request (SIGUSR2, RELOAD,
// a configuration reload that changed the engine's settings) or when
// the database directory changes, a new engine is compiled while scanning
// continues on the old one, then swapped in. No scanning thread waits.
#pragma once

#include "database_watch.hpp"
#include "engine.hpp"
#include "engine_record.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace scannedonlyd {

class Reloader {
public:
    // check_interval 0: only reload on request. `loaded` is the database's
    // state taken before the current engine was compiled. Each new engine's
    // stamp is published in `stamp_file` (stamp_file.hpp).
    Reloader(std::string database, EngineSettings settings, EngineHolder& engines,
             EngineRecord& record, std::chrono::milliseconds check_interval, DatabaseState loaded,
             std::string stamp_file);
    ~Reloader();  // stops and joins

    void request();
    // A configuration reload's settings; a changed database or engine
    // setting (or `rebuild`) builds a new engine as request() does.
    void reconfigure(std::string database, EngineSettings settings,
                     std::chrono::milliseconds check_interval, bool rebuild);

private:
    void run();
    void reload();
    void retire(std::shared_ptr<const Engine> old);

    std::string database_;       // guarded by mutex_ once started,
    EngineSettings settings_;    // as are these two
    EngineHolder& engines_;
    EngineRecord& record_;
    std::chrono::milliseconds check_interval_;
    DatabaseState loaded_;  // only the reload thread uses it once started
    const std::string stamp_file_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool requested_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace scannedonlyd
