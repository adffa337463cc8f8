#include "tests/support/mirrorserver.h"

namespace normlab::test {

MirrorServer::MirrorServer(const QString& folder) {
    const QString script =
        qEnvironmentVariable("NORMLAB_SOURCE_DIR") + QStringLiteral("/tests/support/mirror_server.py");
    m_process.start(QStringLiteral("python3"), {script, folder, QStringLiteral("120")});
    if (m_process.waitForReadyRead(15000)) m_port = m_process.readLine().trimmed().toInt();
}

MirrorServer::~MirrorServer() {
    m_process.closeWriteChannel();
    if (!m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

QString MirrorServer::url(const QString& mode) const {
    return QStringLiteral("http://127.0.0.1:%1/%2/").arg(m_port).arg(mode);
}

} // namespace normlab::test
