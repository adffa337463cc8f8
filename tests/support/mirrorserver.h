#pragma once

#include <QProcess>
#include <QString>

namespace normlab::test {

// Starts tests/support/mirror_server.py serving `folder` on 127.0.0.1 and stops it on
// destruction. url("good") is the base URL of a mirror with that behaviour.
class MirrorServer {
public:
    explicit MirrorServer(const QString& folder);
    ~MirrorServer();
    bool started() const { return m_port > 0; }
    QString url(const QString& mode) const;

private:
    QProcess m_process;
    int m_port = 0;
};

} // namespace normlab::test
