// What this machine charges for handing work from one thread to another
// (docs/performance.md, "What a hand-off between threads costs here").
//
// A "buyer" is a token passed HOPS times around a ring of three threads joined by pipes,
// as a request passes between the HTTP loop, the database's loop and Redis's; at each hop
// the thread that reads the token does WORK rounds of arithmetic. Three ways to send
// buyers through:
//   busy:   8 tokens in the ring at once, so a thread mostly finds the next one waiting;
//   serial: one token at a time, back to back, so every hop wakes a thread that sleeps;
//   paced:  one token at a time, RATE buyers a second, so the processors sleep between.
// It prints, for each, the process's CPU time per buyer (getrusage), the time per buyer
// spent in the arithmetic itself (the same in all three), and what is left per hop: the
// hand-off. Only the machine differs between the three, not the work.
//
//   gcc -O1 -pthread -o /tmp/handoff app/bench/handoff.c
//   /tmp/handoff [WORK=20000] [HOPS=16] [RATE=30] [SECONDS=3]
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define THREADS 3

static int ring[THREADS][2];
static int finished[2];
static long work_rounds;
static volatile unsigned long sink;
static double work_seconds[THREADS];

static double now(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static double cpu(void) {
	struct rusage r;
	getrusage(RUSAGE_SELF, &r);
	return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}

static void work(int me) {
	double start = now();
	unsigned long x = 1;
	for (long i = 0; i < work_rounds; i++) {
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	}
	sink += x;
	work_seconds[me] += now() - start;
}

// Each thread: read a token (hops left), work, pass it on, or report the buyer done.
static void *loop(void *arg) {
	int me = (int) (long) arg;
	long hops;
	while (read(ring[me][0], &hops, sizeof hops) == sizeof hops) {
		work(me);
		if (--hops > 0) {
			(void) !write(ring[(me + 1) % THREADS][1], &hops, sizeof hops);
		}
		else {
			(void) !write(finished[1], &hops, sizeof hops);
		}
	}
	return NULL;
}

static double total_work(void) {
	double sum = 0;
	for (int i = 0; i < THREADS; i++) {
		sum += work_seconds[i];
	}
	return sum;
}

// Sends buyers through for the given seconds and prints the figures of this way.
static void measure(const char *name, long hops, int tokens, double rate, double seconds) {
	long buyers = 0, token;
	double cpu_before = cpu(), work_before = total_work(), start = now(), next = start;
	for (int i = 0; i < tokens; i++) {
		(void) !write(ring[i % THREADS][1], &hops, sizeof hops);
	}
	while (now() - start < seconds) {
		if (read(finished[0], &token, sizeof token) != sizeof token) {
			exit(1);
		}
		buyers++;
		if (rate > 0) {
			next += 1.0 / rate;
			double wait = next - now();
			if (wait > 0) {
				struct timespec pause = { (time_t) wait, (long) ((wait - (time_t) wait) * 1e9) };
				nanosleep(&pause, NULL);
			}
		}
		(void) !write(ring[buyers % THREADS][1], &hops, sizeof hops);
	}
	// The tokens still in the ring finish before the next way starts, uncounted.
	for (int i = 0; i < tokens; i++) {
		(void) !read(finished[0], &token, sizeof token);
	}
	double cpu_per = (cpu() - cpu_before) / buyers * 1e6;
	double work_per = (total_work() - work_before) / buyers * 1e6;
	printf("%-6s %7ld buyers  CPU %7.1f us a buyer  work %7.1f us  hand-off %5.1f us a hop\n", name, buyers, cpu_per,
			work_per, (cpu_per - work_per) / hops);
}

int main(int argc, char **argv) {
	work_rounds = argc > 1 ? atol(argv[1]) : 20000;
	long hops = argc > 2 ? atol(argv[2]) : 16;
	double rate = argc > 3 ? atof(argv[3]) : 30;
	double seconds = argc > 4 ? atof(argv[4]) : 3;
	if (pipe(finished) != 0) {
		return 1;
	}
	pthread_t threads[THREADS];
	for (long i = 0; i < THREADS; i++) {
		if (pipe(ring[i]) != 0 || pthread_create(&threads[i], NULL, loop, (void *) i) != 0) {
			return 1;
		}
	}
	measure("busy", hops, 8, 0, seconds);
	measure("serial", hops, 1, 0, seconds);
	measure("paced", hops, 1, rate, seconds);
	return 0;
}
