// whenReady(): a worker's result delivered to an object on its own thread, and dropped when
// the object is gone (a window closed while its file was being read), where Qt 6.4's
// QFuture::then(context, ...) asserts.
#include "whenready.h"

#include <QPromise>
#include <QTest>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

class TestWhenReady final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliversOnTheContextsThread()
    {
        QObject context;
        QThread *worker = nullptr;
        QThread *calledOn = nullptr;
        int result = 0;
        whenReady(&context, QtConcurrent::run([&worker] {
                      worker = QThread::currentThread();
                      return 42;
                  }),
                  [&](int value) {
            result = value;
            calledOn = QThread::currentThread();
        });
        QTRY_COMPARE(result, 42);
        QVERIFY(worker && worker != QThread::currentThread());
        QCOMPARE(calledOn, QThread::currentThread());
        // The watcher is gone once it has delivered.
        QTRY_VERIFY(context.findChildren<QFutureWatcherBase *>().isEmpty());
    }

    void droppedWhenTheContextIsGone()
    {
        QPromise<QString> promise;
        promise.start();
        auto context = std::make_unique<QObject>();
        bool called = false;
        whenReady(context.get(), promise.future(), [&](const QString &) { called = true; });
        context.reset();                // the window closes while its file is read
        promise.addResult(QStringLiteral("late"));
        promise.finish();
        QTest::qWait(50);
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }

    void endedWithoutAResultGivesTheDefault()
    {
        QPromise<QString> promise;
        promise.start();
        QObject context;
        bool called = false;
        QString got = QStringLiteral("unchanged");
        whenReady(&context, promise.future(), [&](const QString &value) {
            called = true;
            got = value;
        });
        promise.finish();               // no result was ever added
        QTRY_VERIFY(called);
        QVERIFY(got.isNull());
    }

    void finishedAlreadyStillDelivers()
    {
        QObject context;
        QString got;
        whenReady(&context, QtFuture::makeReadyFuture(QStringLiteral("ready")),
                  [&](const QString &value) { got = value; });
        QTRY_COMPARE(got, QStringLiteral("ready"));
    }
};

QTEST_GUILESS_MAIN(TestWhenReady)
#include "tst_whenready.moc"
