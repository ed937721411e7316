// Sessions through the SDK: pagination, merge-patch updates, delete, test-mode isolation.
namespace Contract
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using System.Threading;
    using NUnit.Framework;
    using VideoTranscriber;
    using VideoTranscriber.Core;

    [TestFixture]
    public class SessionsTests
    {
        [Test]
        public void AutoPaginationSeesEverySessionOnceNewestFirst()
        {
            var client = H.Live();
            var tag = "page-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var created = new List<string>();
            for (var i = 0; i < 7; i++)
            {
                var name = tag + "-" + i;
                created.Add(H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = name })).Id);
                Thread.Sleep(5); // distinct created_at (millisecond precision)
            }

            var first = H.Run(() => client.Sessions.ListAsync(new SessionsListParams { Limit = 2 }));
            Assert.AreEqual(2, first.Items.Count);
            Assert.IsTrue(first.HasNextPage);

            // Every page, fetched as needed.
            var everything = H.Run(() => client.Sessions.ListAutoPaging(new SessionsListParams { Limit = 2 }).ToListAsync());
            var ids = everything.Select(s => s.Id).ToList();
            Assert.AreEqual(ids.Count, ids.Distinct().Count(), "a session was returned twice");
            var mine = everything.Where(s => s.Name.StartsWith(tag)).Select(s => s.Id).ToList();
            created.Reverse();
            CollectionAssert.AreEqual(created, mine, "not every session, or not newest first");
            var stamps = everything.Select(s => s.CreatedAt).ToList();
            CollectionAssert.AreEqual(stamps.OrderByDescending(x => x).ToList(), stamps);

            var pages = H.Run(async () => await (await client.Sessions.ListAsync(new SessionsListParams { Limit = 3 })).Pages().ToListAsync());
            Assert.IsTrue(pages.All(p => p.Items.Count <= 3));
            CollectionAssert.AreEqual(ids, pages.SelectMany(p => p.Items).Select(s => s.Id).ToList());
        }

        [Test]
        public void UpdateIsAMergePatch()
        {
            var client = H.Live();
            var s = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams
            {
                Name = "patch me",
                Description = "before",
                Language = "en",
                Metadata = new Dictionary<string, string> { { "a", "1" } },
            }));
            var renamed = H.Run(() => client.Sessions.UpdateAsync(s.Id, new SessionsUpdateParams { Name = "patched" }));
            Assert.AreEqual("patched", renamed.Name);
            Assert.AreEqual("before", renamed.Description);
            Assert.AreEqual("en", renamed.Language);
            CollectionAssert.AreEqual(new Dictionary<string, string> { { "a", "1" } }, renamed.Metadata);
            Assert.IsTrue(renamed.UpdatedAt >= s.UpdatedAt);

            // Set to null: sent as JSON null, which clears; absent properties are not sent.
            var cleared = H.Run(() => client.Sessions.UpdateAsync(s.Id, new SessionsUpdateParams { Description = null, Language = null }));
            Assert.IsNull(cleared.Description);
            Assert.IsNull(cleared.Language);
            Assert.AreEqual("patched", cleared.Name);
            CollectionAssert.AreEqual(new Dictionary<string, string> { { "a", "1" } }, cleared.Metadata);

            var replaced = H.Run(() => client.Sessions.UpdateAsync(s.Id, new SessionsUpdateParams
            {
                Metadata = new Dictionary<string, string> { { "b", "2" } },
            }));
            CollectionAssert.AreEqual(new Dictionary<string, string> { { "b", "2" } }, replaced.Metadata);
            var emptied = H.Run(() => client.Sessions.UpdateAsync(s.Id, new SessionsUpdateParams { Metadata = null }));
            Assert.AreEqual(0, emptied.Metadata.Count);

            var again = H.Run(() => client.Sessions.GetAsync(s.Id));
            Assert.AreEqual("patched", again.Name);
            Assert.IsNull(again.Description);
            Assert.AreEqual(0, again.Metadata.Count);
        }

        [Test]
        public void Delete()
        {
            var client = H.Live();
            var s = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = "delete me" }));
            H.Run(() => client.Sessions.DeleteAsync(s.Id));
            H.Throws<NotFoundException>(() => client.Sessions.GetAsync(s.Id));
            H.Throws<NotFoundException>(() => client.Sessions.DeleteAsync(s.Id));
            var all = H.Run(() => client.Sessions.ListAutoPaging(new SessionsListParams { Limit = 100 }).ToListAsync());
            Assert.IsFalse(all.Any(x => x.Id == s.Id));
        }

        [Test]
        public void TestModeKeysSeeOnlyTestData()
        {
            var client = H.Live();
            var testClient = H.TestMode();
            var live = H.Run(() => client.Sessions.CreateAsync(new SessionsCreateParams { Name = "live data" }));
            var sandbox = H.Run(() => testClient.Sessions.CreateAsync(new SessionsCreateParams { Name = "sandbox data" }));
            Assert.IsTrue(live.Livemode);
            Assert.IsFalse(sandbox.Livemode);

            var testIds = new HashSet<string>();
            var pager = testClient.Sessions.ListAutoPaging(new SessionsListParams { Limit = 50 });
            while (H.Run(() => pager.MoveNextAsync()))
            {
                Assert.IsFalse(pager.Current.Livemode);
                testIds.Add(pager.Current.Id);
            }
            Assert.IsTrue(testIds.Contains(sandbox.Id));
            Assert.IsFalse(testIds.Contains(live.Id));
            var liveIds = H.Run(() => client.Sessions.ListAutoPaging(new SessionsListParams { Limit = 50 }).ToListAsync()).Select(x => x.Id);
            Assert.IsFalse(liveIds.Contains(sandbox.Id));

            H.Throws<NotFoundException>(() => testClient.Sessions.GetAsync(live.Id));
            H.Throws<NotFoundException>(() => client.Sessions.GetAsync(sandbox.Id));
            H.Throws<NotFoundException>(() => testClient.Sessions.DeleteAsync(live.Id));
            Assert.AreEqual(live.Id, H.Run(() => client.Sessions.GetAsync(live.Id)).Id);
        }
    }
}
