/* Branchy dispatch loop: a small stack-machine interpreter running a program
 * that counts primes by trial division and sums Collatz chain lengths. */
#include <stdint.h>
#include <stdio.h>

enum op {
    PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, JNZ, DUP, POP, HALT, INC,
};

struct insn { uint8_t op; int32_t arg; };

static int64_t run(const struct insn *code, int64_t *vars) {
    int64_t stack[64];
    int sp = 0, pc = 0;
    for (;;) {
        const struct insn *in = &code[pc++];
        switch (in->op) {
        case PUSH: stack[sp++] = in->arg; break;
        case LOAD: stack[sp++] = vars[in->arg]; break;
        case STORE: vars[in->arg] = stack[--sp]; break;
        case INC: vars[in->arg]++; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case JMP: pc = in->arg; break;
        case JZ: if (stack[--sp] == 0) pc = in->arg; break;
        case JNZ: if (stack[--sp] != 0) pc = in->arg; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        case HALT: return sp ? stack[sp - 1] : 0;
        }
    }
}

/* A tiny assembler: jump arguments name labels and are patched to addresses. */
enum label { L_PRIME_LOOP, L_TRIAL, L_IS_PRIME, L_NEXT, L_COLLATZ, L_CX, L_STEP, L_EVEN, L_CHAIN_DONE, L_END, NLABELS };
enum var { V_N, V_LIMIT, V_D, V_PRIMES, V_X, V_STEPS, V_CLIMIT };

static struct insn code[128];
static int ncode, label_at[NLABELS];

static void emit(enum op op, int32_t arg) { code[ncode].op = (uint8_t)op; code[ncode].arg = arg; ncode++; }
static void label(enum label l) { label_at[l] = ncode; }

static void assemble(void) {
    /* primes: count n in [2, limit) with no divisor d, d*d <= n */
    emit(PUSH, 2); emit(STORE, V_N);
    label(L_PRIME_LOOP);
    emit(LOAD, V_N); emit(LOAD, V_LIMIT); emit(LT, 0); emit(JZ, L_COLLATZ);
    emit(PUSH, 2); emit(STORE, V_D);
    label(L_TRIAL);
    emit(LOAD, V_N); emit(LOAD, V_D); emit(LOAD, V_D); emit(MUL, 0); emit(LT, 0); emit(JNZ, L_IS_PRIME);
    emit(LOAD, V_N); emit(LOAD, V_D); emit(MOD, 0); emit(JZ, L_NEXT);
    emit(INC, V_D); emit(JMP, L_TRIAL);
    label(L_IS_PRIME);
    emit(INC, V_PRIMES);
    label(L_NEXT);
    emit(INC, V_N); emit(JMP, L_PRIME_LOOP);
    /* collatz: total steps to reach 1 for every x in [1, climit) */
    label(L_COLLATZ);
    emit(PUSH, 1); emit(STORE, V_X);
    label(L_CX);
    emit(LOAD, V_X); emit(LOAD, V_CLIMIT); emit(LT, 0); emit(JZ, L_END);
    emit(LOAD, V_X);
    label(L_STEP);
    emit(DUP, 0); emit(PUSH, 1); emit(EQ, 0); emit(JNZ, L_CHAIN_DONE);
    emit(INC, V_STEPS);
    emit(DUP, 0); emit(PUSH, 2); emit(MOD, 0); emit(JZ, L_EVEN);
    emit(PUSH, 3); emit(MUL, 0); emit(PUSH, 1); emit(ADD, 0); emit(JMP, L_STEP);
    label(L_EVEN);
    emit(PUSH, 2); emit(DIV, 0); emit(JMP, L_STEP);
    label(L_CHAIN_DONE);
    emit(POP, 0); emit(INC, V_X); emit(JMP, L_CX);
    label(L_END);
    emit(LOAD, V_PRIMES); emit(HALT, 0);

    for (int i = 0; i < ncode; i++)
        if (code[i].op == JMP || code[i].op == JZ || code[i].op == JNZ) code[i].arg = label_at[code[i].arg];
}

int main(void) {
    int64_t vars[8] = {0};
    vars[V_LIMIT] = 900000;
    vars[V_CLIMIT] = 500000;
    assemble();
    int64_t primes = run(code, vars);
    printf("primes below %lld: %lld, collatz steps: %lld\n",
           (long long)vars[V_LIMIT], (long long)primes, (long long)vars[V_STEPS]);
    printf("checksum: %lld\n", (long long)(primes * 1000003 + vars[V_STEPS]));
    return 0;
}
