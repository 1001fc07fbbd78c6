#include "simulatorlauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <utility>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace {

const QString ExecutableName = QStringLiteral("comfydesk-sim");
constexpr int DefaultStartTimeoutMs = 10000;
constexpr int DefaultStopGraceMs = 3000;
// stderr is read as it comes (a full pipe would block the simulator); this much is kept.
constexpr qsizetype KeptErrorBytes = 4096;

} // namespace

SimulatorLauncher::SimulatorLauncher(QObject *parent)
    : QObject(parent)
{
    m_startTimer.setSingleShot(true);
    m_startTimer.setInterval(DefaultStartTimeoutMs);
    m_killTimer.setSingleShot(true);
    m_killTimer.setInterval(DefaultStopGraceMs);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
#ifdef Q_OS_LINUX
    // A crashed or killed app cannot run its destructors: the kernel ends the child then.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            &SimulatorLauncher::readOutput);
    connect(&m_process, &QProcess::readyReadStandardError, this,
            &SimulatorLauncher::readErrors);
    connect(&m_process, &QProcess::finished, this, &SimulatorLauncher::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &SimulatorLauncher::onError);
    connect(&m_startTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Starting)
            return;
        fail(Failure::NoUrl);
        m_process.kill();
    });
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (isRunning())
            m_process.kill();
    });
}

SimulatorLauncher::~SimulatorLauncher()
{
    // Signals to half-destroyed receivers must not go out from here.
    disconnect(&m_process, nullptr, this, nullptr);
    if (isRunning()) {
        m_process.terminate();
        if (!m_process.waitForFinished(m_killTimer.interval())) {
            m_process.kill();
            m_process.waitForFinished(1000);
        }
    }
}

QString SimulatorLauncher::findExecutable()
{
    const QString fromEnv = qEnvironmentVariable("COMFYDESK_SIM");
    if (!fromEnv.isEmpty()) {
        const QFileInfo info(fromEnv);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    const QString appDir = QCoreApplication::applicationDirPath();
    // Installed beside the app, or in the build tree (build/src/app, build/src/sim).
    const QStringList dirs{appDir, QDir(appDir).absoluteFilePath(QStringLiteral("../sim"))};
    const QString beside = QStandardPaths::findExecutable(ExecutableName, dirs);
    if (!beside.isEmpty())
        return QFileInfo(beside).absoluteFilePath();
    return QStandardPaths::findExecutable(ExecutableName);
}

void SimulatorLauncher::start()
{
    if (m_state == State::Starting || m_state == State::Running || isRunning())
        return;
    m_url.clear();
    m_stdout.clear();
    m_stderr.clear();
    m_exitCode = 0;
    m_failure = Failure::None;
    m_stopRequested = false;
    m_program = m_executable.isEmpty() ? findExecutable() : m_executable;
    setState(State::Starting);
    if (m_program.isEmpty()) {
        // After start() returns, like every other outcome.
        QMetaObject::invokeMethod(this, [this] { fail(Failure::NotFound); },
                                  Qt::QueuedConnection);
        return;
    }
    m_dataDir = std::make_unique<QTemporaryDir>(
        QDir::temp().absoluteFilePath(QStringLiteral("comfydesk-sim-XXXXXX")));
    QStringList arguments{QStringLiteral("--port"), QStringLiteral("0"),
                          QStringLiteral("--host"), QStringLiteral("127.0.0.1")};
    if (m_dataDir->isValid()) {
        arguments << QStringLiteral("--data-dir") << m_dataDir->path();
        m_process.setWorkingDirectory(m_dataDir->path());
    }
    arguments << m_extraArguments;
    m_startTimer.start();
    m_process.start(m_program, arguments, QIODevice::ReadOnly);
}

void SimulatorLauncher::stop()
{
    m_startTimer.stop();
    if (!isRunning())
        return;
    m_stopRequested = true;
    m_process.terminate();
    m_killTimer.start();
}

QString SimulatorLauncher::errorOutput() const
{
    return QString::fromLocal8Bit(m_stderr).trimmed();
}

QString SimulatorLauncher::dataDir() const
{
    return m_dataDir && m_dataDir->isValid() ? m_dataDir->path() : QString();
}

void SimulatorLauncher::readOutput()
{
    const QByteArray chunk = m_process.readAllStandardOutput();
    if (m_state != State::Starting)
        return; // only the first line means anything
    m_stdout += chunk;
    const qsizetype newline = m_stdout.indexOf('\n');
    if (newline < 0) {
        if (m_stdout.size() > KeptErrorBytes)
            m_stdout.clear(); // not a URL line; keep waiting for the deadline
        return;
    }
    const QString line = QString::fromUtf8(m_stdout.left(newline)).trimmed();
    const QUrl url(line, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.port() <= 0) {
        // Something else printed first (a wrapper script?): look at the next line.
        m_stdout.remove(0, newline + 1);
        if (m_stdout.contains('\n'))
            readOutput();
        return;
    }
    m_startTimer.stop();
    m_url = url;
    setState(State::Running);
    Q_EMIT started(m_url);
}

void SimulatorLauncher::readErrors()
{
    m_stderr += m_process.readAllStandardError();
    if (m_stderr.size() > KeptErrorBytes)
        m_stderr.remove(0, m_stderr.size() - KeptErrorBytes);
}

void SimulatorLauncher::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_killTimer.stop();
    m_startTimer.stop();
    readErrors();
    m_exitCode = exitCode;
    const State before = m_state;
    const bool asked = std::exchange(m_stopRequested, false);
    if (before == State::Starting && !asked) {
        fail(status == QProcess::CrashExit ? Failure::Crashed : Failure::Exited);
        cleanUp();
        return;
    }
    cleanUp();
    if (before == State::Running || before == State::Starting) {
        m_url.clear();
        setState(State::Idle);
        if (before == State::Running)
            Q_EMIT stopped();
    }
}

void SimulatorLauncher::onError(QProcess::ProcessError error)
{
    // Crashes and exits come through finished(); only a failed start ends here alone.
    if (error != QProcess::FailedToStart || m_state != State::Starting)
        return;
    m_startTimer.stop();
    fail(Failure::CannotStart);
    cleanUp();
}

void SimulatorLauncher::fail(Failure reason)
{
    m_failure = reason;
    setState(State::Failed);
    Q_EMIT failed(reason);
}

void SimulatorLauncher::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SimulatorLauncher::cleanUp()
{
    // The images made are the simulator's: they go with it.
    m_dataDir.reset();
}
