using Natak.Core.Jobs;
using Natak.Core.Pricing;
using Natak.Core.Requests;
using Natak.Orchestrations.Characters;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Orchestrations.Tests.Infrastructure;
using Natak.Tables.Characters;

namespace Natak.Orchestrations.Tests;

/// <summary>
/// The job orchestration end to end over fakes: what runs in which order, what each step is fed, what the ledger is
/// asked to capture and release — on success, failure, partial delivery and cancellation.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class PipelineJobTests(OrchestrationHost host)
{
    private const string Submit = nameof(SubmitProviderRequestActivity);
    private const string Finish = nameof(FinishJobActivity);

    [Fact]
    public async Task A_premium_batch_writes_the_prompt_once_then_runs_each_images_chain_in_order_and_captures_every_image()
    {
        var job = host.World.NewJob("img");
        var input = TestJobs.For(job, TestJobs.PremiumBatch(2));

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        var prompt = Assert.Single(job.CallsTo(nameof(WritePromptActivity)));
        var submits = job.CallsTo(Submit);
        Assert.Equal(8, submits.Count);
        Assert.All(submits, s => Assert.True(s.Seq > prompt.Seq, $"{s.StepKey} was submitted before the prompt was written"));
        foreach (var n in new[] { 1, 2 })
        {
            var chain = submits.Where(s => s.StepKey!.EndsWith("-" + n, StringComparison.Ordinal)).ToList();
            Assert.Equal([$"generate-{n}", $"segment-{n}", $"inpaint-{n}", $"upscale-{n}"], chain.Select(s => s.StepKey));
            Assert.Equal("written: " + TestJobs.PremiumBatch(2).Idea, ValuesOf(chain[0])[InputNames.Prompt]);

            // each step is handed the file the step before it stored
            Assert.Equal(AssetOf(job, $"generate-{n}"), ValuesOf(chain[1])[InputNames.Image]);
            Assert.Equal(AssetOf(job, $"segment-{n}"), ValuesOf(chain[2])[InputNames.Mask]);
            Assert.Equal(AssetOf(job, $"inpaint-{n}"), ValuesOf(chain[3])[InputNames.Image]);
        }

        var finish = FinishOf(job);
        Assert.Equal((2 * input.CreditsPerOutput, 2, JobStatus.Succeeded), (finish.Capture, finish.Delivered, finish.Status));
        Assert.Equal(new JobCredits(2 * input.CreditsPerOutput, 2 * input.CreditsPerOutput, 0), outcome.Credits);
        var images = outcome.Result!["images"]!.AsArray();
        Assert.Equal([$"users/{job.UserId}/jobs/{job.JobId}/upscale-1-image.png", $"users/{job.UserId}/jobs/{job.JobId}/upscale-2-image.png"],
            images.Select(i => (string)i!["assetKey"]!));
        Assert.Equal("written: " + TestJobs.PremiumBatch(2).Idea, (string?)outcome.Result["prompt"]);
    }

    [Fact]
    public async Task A_character_from_photos_packages_them_in_its_own_step_trains_on_the_zip_and_saves_the_LoRA_and_four_references()
    {
        var job = host.World.NewJob("chr");
        var input = TestJobs.For(job, TestJobs.NewCharacterFromPhotos());

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        var package = Assert.Single(job.CallsTo(nameof(PackageTrainingImagesActivity)));
        Assert.Equal(TestJobs.NewCharacterFromPhotos().ImageUrls, ((PackageTrainingImages)package.Input!).ImageUrls);
        var submits = job.CallsTo(Submit);
        Assert.Equal(["reference-1", "reference-2", "reference-3", "reference-4", "train"], submits.Select(s => s.StepKey).Order());
        var train = submits.Single(s => s.StepKey == "train");
        Assert.True(train.Seq > package.Seq);
        var characterFolder = $"users/{job.UserId}/characters/char_{job.JobId}/";
        Assert.Equal($"asset:{characterFolder}training-images.zip", ValuesOf(train)[InputNames.ImagesZip]);
        Assert.False(ValuesOf(train).ContainsKey(InputNames.ImageUrls));
        var trainCollected = Assert.Single(job.CallsTo(nameof(CollectProviderOutputsActivity)), c => c.StepKey == "train");
        Assert.All(submits.Where(s => s.StepKey != "train"), reference =>
        {
            Assert.True(reference.Seq > trainCollected.Seq);
            Assert.Equal($"asset:{characterFolder}train-lora.safetensors", ValuesOf(reference)[InputNames.Lora]);
        });

        var saved = (CharacterRecord)Assert.Single(job.CallsTo(nameof(SaveCharacterActivity))).Input!;
        Assert.Equal(($"{characterFolder}train-lora.safetensors", $"{characterFolder}train-config.json", "MAYA", 1000),
            (saved.LoraKey, saved.ConfigKey, saved.TriggerWord, saved.TrainingSteps));
        Assert.Equal(Enumerable.Range(1, 4).Select(i => $"{characterFolder}reference-{i}-image.png"), saved.ReferenceImages.Select(r => r.Key));
        Assert.Equal(saved.LoraKey, (string?)outcome.Result!["lora"]!["assetKey"]);
        Assert.Equal(saved.ReferenceImages.Select(r => r.Key), outcome.Result["referenceImages"]!.AsArray().Select(r => (string)r!["assetKey"]!));
        Assert.Equal((50L, 1, JobStatus.Succeeded), (FinishOf(job).Capture, FinishOf(job).Delivered, FinishOf(job).Status));
        Assert.Empty(job.CallsTo(nameof(DeleteCharacterFilesActivity)));
    }

    [Fact]
    public async Task A_character_from_a_zip_hands_the_zip_to_training_with_no_packaging()
    {
        var job = host.World.NewJob("chr");
        var input = TestJobs.For(job, new CharacterRequest { Name = "Zoe", ImagesZipUrl = "https://uploads.example.com/zoe.zip" });

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Empty(job.CallsTo(nameof(PackageTrainingImagesActivity)));
        Assert.Equal("https://uploads.example.com/zoe.zip", ValuesOf(job.CallsTo(Submit).Single(s => s.StepKey == "train"))[InputNames.ImagesZip]);
    }

    [Fact]
    public async Task A_failed_shared_step_runs_no_output_step_and_releases_every_credit()
    {
        var job = host.World.NewJob("img");
        job.Providers = (step, _) => step == "pose" ? ProviderScript.FailsAfterAccepting(ProviderScript.Refused) : ProviderScript.Delivers;
        var input = TestJobs.For(job, new ImageRequest
        {
            Prompt = "a skater",
            Count = 3,
            Control = new ControlOptions { ImageUrl = "https://img.example.com/pose.jpg", Pose = true },
        });

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Failed, outcome.Status);
        Assert.Equal("content_policy_violation", outcome.Error!.Code);
        Assert.StartsWith("Step 'pose' failed: ", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["pose"], job.CallsTo(Submit).Select(s => s.StepKey));
        var finish = FinishOf(job);
        Assert.Equal((0L, 0, JobStatus.Failed), (finish.Capture, finish.Delivered, finish.Status));
        Assert.Equal(new JobCredits(3 * input.CreditsPerOutput, 0, 3 * input.CreditsPerOutput), outcome.Credits);
    }

    [Fact]
    public async Task A_batch_with_one_refused_image_captures_the_three_delivered_and_releases_the_fourth()
    {
        var job = host.World.NewJob("img");
        job.Providers = (step, _) => step == "generate-3" ? ProviderScript.Refuses(ProviderScript.Refused) : ProviderScript.Delivers;
        var input = TestJobs.For(job, new ImageRequest { Prompt = "paper boats", Count = 4, Seed = 100 });

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Equal(["generate-1", "generate-2", "generate-3", "generate-4"], job.CallsTo(Submit).Select(s => s.StepKey).Order());
        Assert.Equal(["100", "101", "102", "103"], job.CallsTo(Submit).Select(s => ValuesOf(s)[InputNames.Seed]).Order());
        var finish = FinishOf(job);
        Assert.Equal((3 * input.CreditsPerOutput, 3, JobStatus.Succeeded), (finish.Capture, finish.Delivered, finish.Status));
        Assert.Equal(new JobCredits(4 * input.CreditsPerOutput, 3 * input.CreditsPerOutput, input.CreditsPerOutput), outcome.Credits);
        Assert.Equal(3, outcome.Result!["images"]!.AsArray().Count);
        var failure = Assert.Single(outcome.Result["failures"]!.AsArray())!;
        Assert.Equal((2, "content_policy_violation"), ((int)failure["index"]!, (string)failure["code"]!));

        // the job can be followed in the logs: started, the failed step, the settlement
        var logs = host.Logs.Of(job.JobId).Select(l => l.Message).ToList();
        Assert.Contains(logs, m => m.Contains("started (Image)", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains("step generate-3: failed (content_policy_violation)", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains($"capturing {3 * input.CreditsPerOutput} credits for 3 of 4 outputs", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains($"finished Succeeded; charged {3 * input.CreditsPerOutput} credits, refunded {input.CreditsPerOutput}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_runs_its_images_side_by_side_but_never_more_at_once_than_the_bound()
    {
        var job = host.World.NewJob("img");
        job.Providers = (_, _) => ProviderScript.Delivers with { PendingPolls = 2 };

        var outcome = await host.RunAsync(TestJobs.For(job, new ImageRequest { Prompt = "paper boats", Count = 6 }, maxParallelOutputs: 2));

        Assert.Equal(JobStatus.Succeeded, outcome.Status);

        // an image is in flight from its submit until its files are collected
        var collected = job.CallsTo(nameof(CollectProviderOutputsActivity));
        var spans = job.CallsTo(Submit).Select(s => (Start: s.Seq, End: collected.Single(c => c.RequestId == s.RequestId).Seq)).ToList();
        Assert.Equal(6, spans.Count);
        Assert.Equal(2, spans.Max(s => spans.Count(o => o.Start <= s.Start && o.End > s.Start)));
    }

    [Fact]
    public async Task A_models_own_deadline_ends_the_wait_and_the_next_provider_makes_the_video()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, provider) => provider == ProviderNames.Fal ? ProviderScript.Hangs : ProviderScript.Delivers;
        var kling = new Dictionary<string, StepWaitOverride>
        {
            [PipelineTimingOptions.ModelMatchKey("kling-2.6-pro")] = new() { Deadline = TestJobs.ShortDeadline.Deadline },
        };
        var input = TestJobs.For(job, new VideoRequest { Model = "kling-2.6-pro", Prompt = "a kite", ImageUrl = "https://img.example.com/start.png" }, models: kling);

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Equal([ProviderNames.Fal, ProviderNames.WaveSpeed], job.CallsTo(Submit).Select(s => s.Provider));
        var waited = Assert.Single(job.CallsTo(nameof(CancelProviderRequestActivity))).At - job.CallsTo(Submit)[0].At;
        Assert.InRange(waited, TestJobs.ShortDeadline.Deadline, TestJobs.Quick.Deadline);
        Assert.Equal((input.CreditsPerOutput, JobStatus.Succeeded), (FinishOf(job).Capture, FinishOf(job).Status));
    }

    [Fact]
    public async Task A_job_without_a_free_slot_runs_nothing_until_a_finishing_job_hands_it_one_then_hands_its_own_on()
    {
        var job = host.World.NewJob("img");
        job.NextInLine = host.World.NewJob("img").JobId;
        var input = TestJobs.For(job, new ImageRequest { Prompt = "a fox" }) with { Admitted = false };
        await host.StartAsync(input);

        await Task.Delay(300);
        Assert.Empty(job.Calls);
        await host.AdmitAsync(job.JobId);
        var outcome = await host.FinishedAsync(job.JobId);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Equal([Submit, nameof(PollProviderRequestActivity), nameof(CollectProviderOutputsActivity), Finish], job.Calls.Select(c => c.Activity));
        var logs = host.Logs.Of(job.JobId).Select(l => l.Message).ToList();
        Assert.Contains(logs, m => m.Contains($"Job {job.JobId}: waiting for a free slot", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains($"Job {job.JobId}: its slot goes to {job.NextInLine}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_queued_job_whose_wake_up_was_lost_looks_at_its_place_and_runs_once_it_holds_a_slot()
    {
        var job = host.World.NewJob("img");
        var input = TestJobs.For(job, new ImageRequest { Prompt = "a fox" }) with { Admitted = false, SlotCheckAfter = TimeSpan.FromMilliseconds(100) };
        await host.StartAsync(input);

        // Still waiting: each look finds no slot, and the looks slow down (100 ms, then 200, 400, 800 at most).
        await job.WaitForAsync(c => c.Activity == nameof(CheckSlotActivity), "looks at its place", count: 2);
        Assert.DoesNotContain(job.Calls, c => c.Activity != nameof(CheckSlotActivity));
        job.HoldsSlot = true; // a slot was handed over, but the wake-up never arrives
        var outcome = await host.FinishedAsync(job.JobId);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        var looks = job.CallsTo(nameof(CheckSlotActivity));
        Assert.InRange(looks.Count, 3, 6);
        Assert.True(looks[2].At - looks[1].At > looks[1].At - looks[0].At, "the looks slow down");
        Assert.Equal([Submit, nameof(PollProviderRequestActivity), nameof(CollectProviderOutputsActivity), Finish],
            job.Calls.Where(c => c.Activity != nameof(CheckSlotActivity)).Select(c => c.Activity));
        Assert.Contains(host.Logs.Of(job.JobId), l => l.Message.Contains("no wake-up came", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_queued_job_far_back_in_the_queue_waits_for_its_wake_up_alone()
    {
        var job = host.World.NewJob("img");
        job.HoldsSlot = true;
        var input = TestJobs.For(job, new ImageRequest { Prompt = "a fox" }) with { Admitted = false, SlotCheckAfter = null };
        await host.StartAsync(input);

        await Task.Delay(500);
        Assert.Empty(job.Calls);
        await host.AdmitAsync(job.JobId);
        Assert.Equal(JobStatus.Succeeded, (await host.FinishedAsync(job.JobId)).Status);
        Assert.Empty(job.CallsTo(nameof(CheckSlotActivity)));
    }

    [Fact]
    public async Task A_queued_job_woken_in_time_never_looks_at_its_place()
    {
        var job = host.World.NewJob("img");
        var input = TestJobs.For(job, new ImageRequest { Prompt = "a fox" }) with { Admitted = false, SlotCheckAfter = TimeSpan.FromSeconds(2) };
        await host.StartAsync(input);

        await host.AdmitAsync(job.JobId);
        var outcome = await host.FinishedAsync(job.JobId);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Empty(job.CallsTo(nameof(CheckSlotActivity)));
    }

    [Fact]
    public async Task A_job_cancelled_while_it_waits_for_a_slot_submits_nothing_and_releases_everything()
    {
        var job = host.World.NewJob("img");
        var input = TestJobs.For(job, new ImageRequest { Prompt = "a slow sunrise", Count = 2 }) with { Admitted = false };
        await host.StartAsync(input);

        await host.CancelAsync(job.JobId);
        var outcome = await host.FinishedAsync(job.JobId);

        Assert.Equal(JobStatus.Cancelled, outcome.Status);
        Assert.Equal([Finish], job.Calls.Select(c => c.Activity));
        Assert.Equal((0L, JobStatus.Cancelled), (FinishOf(job).Capture, FinishOf(job).Status));
        Assert.Equal(new JobCredits(2 * input.CreditsPerOutput, 0, 2 * input.CreditsPerOutput), outcome.Credits);
    }

    [Fact]
    public async Task A_cancel_while_the_photos_are_packaged_submits_no_training_and_deletes_the_characters_files()
    {
        var job = host.World.NewJob("chr");

        // the job has taken the cancel in before the packaging ends
        var outcome = await CancelDuringAsync(job, TestJobs.For(job, TestJobs.NewCharacterFromPhotos()), nameof(PackageTrainingImagesActivity), untilSeen: true);

        Assert.Equal(JobStatus.Cancelled, outcome.Status);
        Assert.Empty(job.CallsTo(Submit));
        Assert.Equal((0L, JobStatus.Cancelled), (FinishOf(job).Capture, FinishOf(job).Status));
        Assert.Equal("char_" + job.JobId, ((DeleteCharacterFiles)Assert.Single(job.CallsTo(nameof(DeleteCharacterFilesActivity))).Input!).CharacterId);
        Assert.Empty(job.CallsTo(nameof(SaveCharacterActivity)));
    }

    [Fact]
    public async Task A_cancel_while_paid_steps_run_reaches_each_step_which_cancels_its_request_at_the_provider()
    {
        var job = host.World.NewJob("img");
        job.Providers = (_, _) => ProviderScript.Hangs;
        var input = TestJobs.For(job, new ImageRequest { Prompt = "a slow sunrise", Count = 2, Upscale = 2 });
        await host.StartAsync(input);
        var submitted = await job.WaitForAsync(c => c.Activity == Submit, "both generations", count: 2);

        await host.CancelAsync(job.JobId);
        var outcome = await host.FinishedAsync(job.JobId);

        Assert.Equal(JobStatus.Cancelled, outcome.Status);
        Assert.Equal(submitted.Select(s => s.RequestId).Order(), job.CallsTo(nameof(CancelProviderRequestActivity)).Select(c => c.RequestId).Order());
        Assert.Equal(["generate-1", "generate-2"], job.CallsTo(Submit).Select(s => s.StepKey).Order());
        Assert.Empty(job.CallsTo(nameof(CollectProviderOutputsActivity)));
        Assert.Equal((0L, JobStatus.Cancelled), (FinishOf(job).Capture, FinishOf(job).Status));
        Assert.Equal(new JobCredits(2 * input.CreditsPerOutput, 0, 2 * input.CreditsPerOutput), outcome.Credits);
        var logs = host.Logs.Of(job.JobId).Select(l => l.Message).ToList();
        Assert.Contains(logs, m => m.Contains("step generate-1: cancel received; cancelling fal request", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains("step generate-2: cancel received; cancelling fal request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancel_in_the_middle_of_a_batch_keeps_and_charges_the_delivered_image_and_releases_the_other()
    {
        var job = host.World.NewJob("img");
        job.Providers = (step, _) => step == "generate-2" ? ProviderScript.Hangs : ProviderScript.Delivers;
        var input = TestJobs.For(job, new ImageRequest { Prompt = "two kites", Count = 2 }, maxParallelOutputs: 1);
        await host.StartAsync(input);
        var second = Assert.Single(await job.WaitForAsync(c => c.Activity == Submit && c.StepKey == "generate-2", "the second image"));

        await host.CancelAsync(job.JobId);
        var outcome = await host.FinishedAsync(job.JobId);

        Assert.Equal(JobStatus.Cancelled, outcome.Status);
        Assert.Equal([second.RequestId], job.CallsTo(nameof(CancelProviderRequestActivity)).Select(c => c.RequestId));
        Assert.Equal((input.CreditsPerOutput, 1, JobStatus.Cancelled), (FinishOf(job).Capture, FinishOf(job).Delivered, FinishOf(job).Status));
        Assert.Equal(new JobCredits(2 * input.CreditsPerOutput, input.CreditsPerOutput, input.CreditsPerOutput), outcome.Credits);
        Assert.Single(outcome.Result!["images"]!.AsArray());
    }

    [Fact]
    public async Task A_cancel_after_the_last_paid_step_changes_nothing_the_character_is_kept_and_charged()
    {
        var job = host.World.NewJob("chr");

        var outcome = await CancelDuringAsync(job, TestJobs.For(job, TestJobs.NewCharacterFromPhotos()), nameof(SaveCharacterActivity));

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Equal(new JobCredits(50, 50, 0), outcome.Credits);
        Assert.Empty(job.CallsTo(nameof(CancelProviderRequestActivity)));
        Assert.Empty(job.CallsTo(nameof(DeleteCharacterFilesActivity)));
    }

    public static TheoryData<string, string, string> StartFrames => new()
    {
        // a character's video starts from the reference image Natak made with its LoRA
        { "character", "reference-1", "video-1" },

        // WAN 2.2 animate without an image: the driving video's first frame, refined, is the start frame
        { "animate", "refine-1", "animate-1" },
    };

    [Theory]
    [MemberData(nameof(StartFrames))]
    public async Task A_video_reports_the_start_frame_Natak_made(string pipeline, string startStep, string videoStep)
    {
        var job = host.World.NewJob("vid");
        var input = pipeline == "character"
            ? TestJobs.For(job, new VideoRequest { Model = "kling-2.6-pro", Prompt = "she turns", CharacterId = TestJobs.Maya.CharacterId }, character: TestJobs.Maya)
            : TestJobs.For(job, new VideoRequest { Model = "wan-2.2-animate", Prompt = "dance", DrivingVideoUrl = "https://v.example.com/dance.mp4" });

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        var folder = $"users/{job.UserId}/jobs/{job.JobId}/";
        Assert.Equal(folder + startStep + "-image.png", (string?)outcome.Result!["referenceImage"]!["assetKey"]);
        Assert.Equal(folder + videoStep + "-video.mp4", (string?)outcome.Result["video"]!["assetKey"]);
        Assert.Equal($"asset:{folder}{startStep}-image.png", ValuesOf(job.CallsTo(Submit).Single(s => s.StepKey == videoStep))[InputNames.Image]);
        if (pipeline == "character")
        {
            var reference = ValuesOf(job.CallsTo(Submit).Single(s => s.StepKey == startStep));
            Assert.Equal(("MAYA, she turns", "asset:" + TestJobs.Maya.LoraKey), (reference[InputNames.Prompt], reference[InputNames.Lora]));
        }
    }

    [Fact]
    public async Task A_step_followed_at_once_by_another_writes_no_done_note_of_its_own_the_next_write_carries_it()
    {
        var job = host.World.NewJob("img");
        var outcome = await host.RunAsync(TestJobs.For(job, TestJobs.PremiumBatch(1)));

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        var collects = job.CallsTo(nameof(CollectProviderOutputsActivity)).Select(c => (CollectRequest)c.Input!).ToList();
        Assert.Equal(4, collects.Count);
        Assert.All(collects, c => Assert.Null(c.Note));
        Assert.All(collects, c => Assert.NotNull(c.WaitingNote)); // still told how to say it waits for storage

        // each submit's running note carries the done state of the step before it, with who delivered it
        var submits = job.CallsTo(Submit).Select(c => (SubmitRequest)c.Input!).ToList();
        Assert.Equal(["generate-1", "segment-1", "inpaint-1", "upscale-1"], submits.Select(s => s.Call.StepKey));
        Assert.Empty(submits[0].Note!.Earlier);
        for (var i = 1; i < submits.Count; i++)
        {
            var earlier = Assert.Single(submits[i].Note!.Earlier);
            Assert.Equal((submits[i - 1].Call.StepKey, "done", submits[i - 1].Provider), (earlier.Key, earlier.State, earlier.Provider));
            Assert.NotNull(earlier.RequestId);
        }

        // the job's end writes every done state, the last step's included
        Assert.Equal(["generate-1", "segment-1", "inpaint-1", "upscale-1"], FinishOf(job).Steps.Where(s => s.State == "done").Select(s => s.Key));
    }

    [Fact]
    public async Task The_last_step_of_a_one_output_job_ends_the_job_in_its_collect_and_no_finish_runs_after_it()
    {
        var job = host.World.NewJob("img");
        job.SettlesInCollect = true;
        job.NextInLine = host.World.NewJob("img").JobId;
        var input = TestJobs.For(job, TestJobs.PremiumBatch(1));

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Empty(job.CallsTo(Finish));
        var collects = job.CallsTo(nameof(CollectProviderOutputsActivity)).Select(c => (CollectRequest)c.Input!).ToList();
        Assert.Equal([null, null, null], collects.Take(3).Select(c => c.Settle));
        var settle = collects[^1].Settle!;
        Assert.Equal(("upscale", input.JobId), (settle.StepId, settle.Job.JobId));
        Assert.Equal(["generate-1", "inpaint-1", "prompt", "segment-1"], settle.Available.Values.Select(o => o.StepKey).Order());

        // every step's done state is written with the end, the last one's too; the slot still goes on
        Assert.Equal(["generate-1", "segment-1", "inpaint-1", "upscale-1"], settle.Steps.Select(s => s.Key));
        Assert.Equal(new JobCredits(input.CreditsPerOutput, input.CreditsPerOutput, 0), outcome.Credits);
        Assert.Equal("users/" + job.UserId + "/jobs/" + job.JobId + "/upscale-1-image.png", (string?)outcome.Result!["images"]![0]!["assetKey"]);
        Assert.Contains(host.Logs.Of(job.JobId), l => l.Message.Contains($"its slot goes to {job.NextInLine}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_collect_could_not_end_the_job_its_own_finish_does_once()
    {
        var job = host.World.NewJob("img");
        var input = TestJobs.For(job, new ImageRequest { Prompt = "a fox" });

        var outcome = await host.RunAsync(input);

        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.NotNull(((CollectRequest)Assert.Single(job.CallsTo(nameof(CollectProviderOutputsActivity))).Input!).Settle);
        Assert.Equal((input.CreditsPerOutput, 1, JobStatus.Succeeded), (FinishOf(job).Capture, FinishOf(job).Delivered, FinishOf(job).Status));
        Assert.Equal(["generate-1"], FinishOf(job).Steps.Select(s => s.Key));
    }

    [Fact]
    public async Task In_a_batch_each_finished_image_is_written_as_it_is_stored()
    {
        var job = host.World.NewJob("img");
        await host.RunAsync(TestJobs.For(job, TestJobs.PremiumBatch(2)));

        var collects = job.CallsTo(nameof(CollectProviderOutputsActivity)).Select(c => (CollectRequest)c.Input!).ToList();
        Assert.Equal(["upscale-1", "upscale-2"], collects.Where(c => c.Note is not null).Select(c => c.Call.StepKey).Order());
        Assert.All(collects, c => Assert.Null(c.Settle)); // a batch ends with its own finish
    }

    [Fact]
    public void The_fakes_stand_in_for_every_activity_the_job_orchestrations_call()
    {
        var registered = NatakTasks.Activities.Select(t => t.Name).Where(n => !n.StartsWith("Canary", StringComparison.Ordinal));

        Assert.Equal(registered.Order(), FakeWorld.ActivityNames.Order());
    }

    private static IReadOnlyDictionary<string, string> ValuesOf(RecordedCall submit) => ((SubmitRequest)submit.Input!).Call.Values;

    private static FinishJob FinishOf(JobScript job) => (FinishJob)Assert.Single(job.CallsTo(Finish)).Input!;

    /// <summary>A step's stored image as a later step's input.</summary>
    private static string AssetOf(JobScript job, string stepKey) => $"asset:users/{job.UserId}/jobs/{job.JobId}/{stepKey}-image.png";

    /// <summary>
    /// Runs the job with <paramref name="activity"/> held once it is called, cancels the job meanwhile (waiting, if
    /// <paramref name="untilSeen"/>, until the job shows it is cancelling), then lets the activity finish.
    /// </summary>
    private async Task<JobOutcome> CancelDuringAsync(JobScript job, PipelineJobInput input, string activity, bool untilSeen = false)
    {
        var hold = job.Hold(activity);
        await host.StartAsync(input);
        await job.WaitForAsync(c => c.Activity == activity, activity);
        await host.CancelAsync(job.JobId);
        if (untilSeen)
        {
            await WaitForLogAsync(job.JobId, "cancel received; no further step starts");
        }

        hold.SetResult();
        return await host.FinishedAsync(job.JobId);
    }

    private async Task WaitForLogAsync(string jobId, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!host.Logs.Of(jobId).Any(l => l.Message.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the job never logged '{text}'");
            await Task.Delay(5);
        }
    }
}
