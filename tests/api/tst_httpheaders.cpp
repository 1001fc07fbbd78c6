#include "httpheaders.h"

#include <QTest>

class TestHttpHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesCompareCaseInsensitivelyAndRepeatsAreKept()
    {
        const HttpHeaders::List headers{{"Host", "a"},
                                        {"content-length", "1"},
                                        {"X-Other", "x"},
                                        {"CONTENT-LENGTH", "2"}};
        QCOMPARE(HttpHeaders::indexOf(headers, "Content-Length"), 1);
        QCOMPARE(HttpHeaders::indexOf(headers, "Content-Length", 2), 3);
        QCOMPARE(HttpHeaders::indexOf(headers, "Content-Length", 4), -1);
        QCOMPARE(HttpHeaders::value(headers, "content-LENGTH"), QByteArray("1"));
        QCOMPARE(HttpHeaders::values(headers, "Content-Length"),
                 (QList<QByteArray>{"1", "2"}));
        QCOMPARE(HttpHeaders::count(headers, "content-length"), 2);
        QVERIFY(HttpHeaders::contains(headers, "HOST"));
    }

    void absentNamesAreEmptyNotPrefixes()
    {
        const HttpHeaders::List headers{{"Content-Length-X", "9"}, {"Hos", "a"}};
        QCOMPARE(HttpHeaders::indexOf(headers, "Content-Length"), -1);
        QVERIFY(HttpHeaders::value(headers, "Host").isNull());
        QVERIFY(HttpHeaders::values(headers, "Host").isEmpty());
        QCOMPARE(HttpHeaders::count(headers, "Host"), 0);
        QVERIFY(!HttpHeaders::contains(headers, "Host"));
        QVERIFY(!HttpHeaders::contains({}, "Host"));
    }
};

QTEST_GUILESS_MAIN(TestHttpHeaders)
#include "tst_httpheaders.moc"
