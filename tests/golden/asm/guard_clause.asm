fib:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 42                          jb short 0x0000000000000118
      d6:  48 83 ff 02                    cmp rdi,2
      da:  7d 08                          jge short 0x00000000000000E4
      dc:  48 89 f8                       mov rax,rdi
      df:  49 83 c6 01                    add r14,1
      e3:  c3                             ret
      e4:  49 3b 67 20                    cmp rsp,[r15+0x20]
      e8:  72 2e                          jb short 0x0000000000000118
      ea:  53                             push rbx
      eb:  55                             push rbp
      ec:  48 83 ec 08                    sub rsp,8
      f0:  48 89 fb                       mov rbx,rdi
      f3:  48 8d 7b ff                    lea rdi,[rbx-1]
      f7:  e8 d4 ff ff ff                 call 0x00000000000000D0
      fc:  48 89 c5                       mov rbp,rax
      ff:  48 8d 7b fe                    lea rdi,[rbx-2]
     103:  e8 c8 ff ff ff                 call 0x00000000000000D0
     108:  48 01 e8                       add rax,rbp
     10b:  70 18                          jo short 0x0000000000000125
     10d:  49 83 c6 01                    add r14,1
     111:  48 83 c4 08                    add rsp,8
     115:  5d                             pop rbp
     116:  5b                             pop rbx
     117:  c3                             ret
     118:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     120:  e9 4e ff ff ff                 jmp 0x0000000000000073
     125:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     12d:  e9 41 ff ff ff                 jmp 0x0000000000000073

tak:
     140:  49 83 ee 01                    sub r14,1
     144:  0f 82 84 00 00 00              jb 0x00000000000001CE
     14a:  48 39 fe                       cmp rsi,rdi
     14d:  7c 08                          jl short 0x0000000000000157
     14f:  48 89 d0                       mov rax,rdx
     152:  49 83 c6 01                    add r14,1
     156:  c3                             ret
     157:  49 3b 67 20                    cmp rsp,[r15+0x20]
     15b:  72 71                          jb short 0x00000000000001CE
     15d:  53                             push rbx
     15e:  55                             push rbp
     15f:  41 54                          push r12
     161:  41 55                          push r13
     163:  48 83 ec 08                    sub rsp,8
     167:  48 89 fb                       mov rbx,rdi
     16a:  48 89 f5                       mov rbp,rsi
     16d:  48 89 14 24                    mov [rsp],rdx
     171:  48 8d 7b ff                    lea rdi,[rbx-1]
     175:  48 89 ee                       mov rsi,rbp
     178:  48 8b 14 24                    mov rdx,[rsp]
     17c:  e8 bf ff ff ff                 call 0x0000000000000140
     181:  49 89 c5                       mov r13,rax
     184:  48 89 ef                       mov rdi,rbp
     187:  48 83 ef 01                    sub rdi,1
     18b:  70 4e                          jo short 0x00000000000001DB
     18d:  48 8b 34 24                    mov rsi,[rsp]
     191:  48 89 da                       mov rdx,rbx
     194:  e8 a7 ff ff ff                 call 0x0000000000000140
     199:  49 89 c4                       mov r12,rax
     19c:  48 8b 3c 24                    mov rdi,[rsp]
     1a0:  48 83 ef 01                    sub rdi,1
     1a4:  70 35                          jo short 0x00000000000001DB
     1a6:  48 89 de                       mov rsi,rbx
     1a9:  48 89 ea                       mov rdx,rbp
     1ac:  e8 8f ff ff ff                 call 0x0000000000000140
     1b1:  4c 89 ef                       mov rdi,r13
     1b4:  4c 89 e6                       mov rsi,r12
     1b7:  48 89 c2                       mov rdx,rax
     1ba:  e8 81 ff ff ff                 call 0x0000000000000140
     1bf:  49 83 c6 01                    add r14,1
     1c3:  48 83 c4 08                    add rsp,8
     1c7:  41 5d                          pop r13
     1c9:  41 5c                          pop r12
     1cb:  5d                             pop rbp
     1cc:  5b                             pop rbx
     1cd:  c3                             ret
     1ce:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     1d6:  e9 98 fe ff ff                 jmp 0x0000000000000073
     1db:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     1e3:  e9 8b fe ff ff                 jmp 0x0000000000000073

